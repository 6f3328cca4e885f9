/**
 * The shipping documents the sim serves: a one-page PDF (a real, parseable file, so a client
 * that checks the `%PDF-` magic or opens it works) or a ZPL label for thermal printers.
 */
export function labelPdf(lines: string[]): Uint8Array {
  const text = lines
    .map((l, i) => `BT /F1 11 Tf 18 ${270 - i * 16} Td (${l.replace(/[()\\]/g, '')}) Tj ET`)
    .join('\n');
  // A6 in points (105 × 148 mm).
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

export function labelZpl(lines: string[]): Uint8Array {
  const fields = lines
    .map((l, i) => `^FO40,${40 + i * 40}^A0N,30,30^FD${l.replace(/[\^~]/g, '')}^FS`)
    .join('');
  return new TextEncoder().encode(`^XA${fields}^XZ\n`);
}
