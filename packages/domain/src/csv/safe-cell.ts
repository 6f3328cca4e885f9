import { quoteCsvField } from './bulk-shipping.ts';

/**
 * A cell a spreadsheet shows as text, never runs: a value starting with `=`, `+`, `-`, `@`, a
 * tab or a CR is a formula to Excel and LibreOffice (CSV injection, OWASP), so it gets a leading
 * apostrophe, which they hide. Buyer names and addresses come from strangers; a supplier opens
 * these files on an office PC. Then RFC 4180 quoting.
 */
export function safeCsvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return quoteCsvField(text);
}
