import { isSplitSafe } from './expand.ts';

/** R-CHK-2: carriers truncate or reject address lines longer than this. */
export const MAX_LINE_LENGTH = 120;
/** Most carrier label formats print at most three street lines. */
export const MAX_ADDRESS_LINES = 3;

interface Cut {
  left: string;
  right: string;
}

/** The last ", " that leaves a short enough first part: a comma already separates parts. */
function findCommaCut(line: string): Cut | null {
  const at = line.lastIndexOf(', ', MAX_LINE_LENGTH);
  // trimEnd: a comma typed as its own word ("Main St , Apt 4") leaves a space before it.
  return at > 0 ? { left: line.slice(0, at).trimEnd(), right: line.slice(at + 2) } : null;
}

/** The last space whose neighbouring words are plain (see `isSplitSafe`). */
function findSpaceCut(line: string, country: string): Cut | null {
  let at = line.lastIndexOf(' ', MAX_LINE_LENGTH);
  while (at > 0) {
    const before = line.slice(line.lastIndexOf(' ', at - 1) + 1, at);
    const nextSpace = line.indexOf(' ', at + 1);
    const after = line.slice(at + 1, nextSpace === -1 ? undefined : nextSpace);
    if (isSplitSafe(before, after, country)) {
      return { left: line.slice(0, at), right: line.slice(at + 1) };
    }
    at = line.lastIndexOf(' ', at - 1);
  }
  return null;
}

/**
 * Moves the tail of over-long lines onto new lines, up to three lines in all, cutting at a
 * comma first, else at a space between plain words. Returns the input array itself when
 * nothing needed or could be moved; lines that still do not fit are left for the hold.
 */
export function splitLongLines(lines: readonly string[], country: string): readonly string[] {
  let out: string[] | null = null;
  for (let i = 0; i < (out ?? lines).length; i++) {
    let line = (out ?? lines)[i] as string;
    while (line.length > MAX_LINE_LENGTH && (out ?? lines).length < MAX_ADDRESS_LINES) {
      const cut = findCommaCut(line) ?? findSpaceCut(line, country);
      if (cut === null) break;
      out ??= [...lines];
      out.splice(i, 1, cut.left, cut.right);
      line = cut.left;
    }
  }
  return out ?? lines;
}
