/**
 * A small RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside
 * quotes, CRLF or LF, a leading byte-order mark. Mapping files are a few thousand rows at most.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export interface MappingRow {
  /** 1-based line of the file, header included, as a spreadsheet shows it. */
  line: number;
  marketplaceSkuId: string;
  sellerSku?: string;
  supplierItemCode: string;
  unitsPerSku?: number;
}

export type MappingFile =
  | { ok: true; rows: MappingRow[] }
  | { ok: false; problem: 'missingColumns' | 'empty' };

/** The mapping rows of a CSV file with a header row naming its columns. */
export function readMappingFile(text: string): MappingFile {
  const [header, ...body] = parseCsv(text);
  if (!header) return { ok: false, problem: 'empty' };
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const sku = col('marketplace_sku_id');
  const item = col('supplier_item_code');
  const seller = col('seller_sku');
  const units = col('units_per_sku');
  if (sku < 0 || item < 0) return { ok: false, problem: 'missingColumns' };
  if (body.length === 0) return { ok: false, problem: 'empty' };
  return {
    ok: true,
    rows: body.map((cells, i) => {
      const cell = (c: number) => (c < 0 ? '' : (cells[c] ?? '').trim());
      return {
        line: i + 2,
        marketplaceSkuId: cell(sku),
        supplierItemCode: cell(item),
        ...(cell(seller) && { sellerSku: cell(seller) }),
        ...(cell(units) && { unitsPerSku: Number(cell(units)) }),
      };
    }),
  };
}
