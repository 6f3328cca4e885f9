/**
 * A reason the order cannot go to a supplier yet: a stable code, the rule it enforces, a
 * message in English and Simplified Chinese (suppliers and many sellers read Chinese), and a
 * suggested fix.
 */
export interface Hold {
  code: string;
  rule: string;
  message: string;
  messageZh: string;
  fix: string;
}
