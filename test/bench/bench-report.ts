import { mkdir, writeFile } from 'node:fs/promises';

/**
 * A benchmark's written report: `report` prints a line and keeps it, `save` writes what was
 * kept to `bench-report/<file>` (the folder `pnpm bench` leaves its reports in).
 */
export function benchReport(file: string) {
  const lines: string[] = [];
  return {
    report(line: string) {
      lines.push(line);
      console.log(line);
    },
    async save() {
      await mkdir('bench-report', { recursive: true });
      await writeFile(`bench-report/${file}`, `${lines.join('\n')}\n`);
    },
  };
}
