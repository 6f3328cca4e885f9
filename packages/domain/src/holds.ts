/** A reason the order cannot go to a supplier yet, with a stable code and a suggested fix. */
export interface Hold {
  code: string;
  rule: string;
  message: string;
  fix: string;
}
