import { describe, expect, it } from 'vitest';
import { formatAnswerReportCsv } from './supplier-report.ts';

const lines = (csv: string) =>
  csv
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n');

/** R-RT-2: the report a file-only supplier reads back for each answer file. */
describe('answer file report', () => {
  it('has a line per row, formula-safe, and no file line when the file was taken', () => {
    const csv = formatAnswerReportCsv({
      results: [
        { row: 1, dispatchId: 'd_1', outcome: 'applied' },
        {
          row: 2,
          dispatchId: '=cmd',
          outcome: 'refused',
          code: 'DISPATCH_NOT_FOUND',
          message: 'dispatch not found',
        },
      ],
    });
    expect(lines(csv)).toEqual([
      'row,dispatch_id,outcome,code,message',
      '1,d_1,applied,,',
      "2,'=cmd,refused,DISPATCH_NOT_FOUND,dispatch not found",
    ]);
  });

  it('says first, as row 0, that a file was refused whole or seen before', () => {
    const refused = formatAnswerReportCsv({
      results: [],
      fileError: { code: 'CSV_TOO_LARGE', message: 'too large' },
    });
    expect(lines(refused)[1]).toBe('0,,refused,CSV_TOO_LARGE,too large');
    const repeat = formatAnswerReportCsv({ results: [], repeat: true });
    expect(lines(repeat)[1]).toMatch(/^0,,repeat,FILE_REPEATED,/);
  });
});
