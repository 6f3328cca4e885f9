/**
 * The runner's console: one live status line (redrawn in place on a terminal) with occasional
 * messages printed above it, so that an error from a service never garbles the progress line.
 */
const tty = Boolean(process.stdout.isTTY);
let status = '';
let ended = false;

/** Shows `line` as the live status: in place on a terminal, as a new line when it changed. */
export function showStatus(line: string): void {
  if (ended) return;
  if (tty) process.stdout.write(`\r\x1b[2K  ${line}`);
  else if (line !== status) process.stdout.write(`  ${line}\n`);
  status = line;
}

/** Prints a message on stderr above the status line, then redraws the status. */
export function printAbove(message: string): void {
  if (tty && status) process.stdout.write('\r\x1b[2K');
  process.stderr.write(`${message}\n`);
  if (tty && status) process.stdout.write(`  ${status}`);
}

/** Ends the status line for good, so what follows starts on a line of its own. */
export function endStatus(): void {
  if (tty && status) process.stdout.write('\n');
  status = '';
  ended = true;
}
