import { safeCsvCell } from './safe-cell.ts';

/** What became of one row of a supplier's answer file. */
export interface AnswerRowResult {
  row: number;
  dispatchId: string | null;
  outcome: 'applied' | 'repeat' | 'refused';
  /** A stable code when refused (`DISPATCH_NOT_FOUND`, `TRACKING_INVALID`, …). */
  code?: string | undefined;
  message?: string | undefined;
}

/** What became of an answer file: its rows, and whether it was refused whole or seen before. */
export interface AnswerFileReport {
  results: readonly AnswerRowResult[];
  repeat?: boolean | undefined;
  fileError?: { code: string; message: string } | undefined;
}

/** What concerns the file as a whole, if anything: refused, or received before. */
function fileLine(report: AnswerFileReport) {
  if (report.fileError) return { outcome: 'refused', ...report.fileError };
  if (report.repeat)
    return {
      outcome: 'repeat',
      code: 'FILE_REPEATED',
      message: 'this file was processed before; nothing was applied again',
    };
  return undefined;
}

/**
 * The report of an answer file as CSV, for the suppliers who read files only (SFTP, e-mail):
 * one line per row. What concerns the file as a whole comes first, as row 0: a file refused
 * (`refused`, with the file's code) or one received before (`repeat`: nothing applied again).
 */
export function formatAnswerReportCsv(report: AnswerFileReport): string {
  const { results } = report;
  const file = fileLine(report);
  const lines = ['row,dispatch_id,outcome,code,message'];
  if (file) lines.push(['0', '', file.outcome, file.code, file.message].map(safeCsvCell).join(','));
  for (const r of results)
    lines.push(
      [String(r.row), r.dispatchId ?? '', r.outcome, r.code ?? '', r.message ?? '']
        .map(safeCsvCell)
        .join(','),
    );
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
