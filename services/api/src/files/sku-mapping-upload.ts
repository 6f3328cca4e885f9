import { parseSkuMappingCsv } from '@switchyard/domain/csv';
import { saveSkuMapping } from '@switchyard/workflows';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { toAppError } from '../operation-errors.ts';
import { assertStorableText } from '../storable-input.ts';
import { skuMappingInput } from '../trpc/sku-mappings/upsert.ts';

export interface SkuMappingRowResult {
  line: number;
  marketplaceSkuId: string;
  outcome: 'saved' | 'refused';
  code: string | null;
  message: string | null;
}

/** Why a row was refused: each invalid field with its problem, or the error's own message. */
function refusal(err: unknown): { code: string; message: string } {
  const e = toAppError(err);
  if (e instanceof AppError) return { code: e.code, message: e.message };
  throw err;
}

/**
 * R-CHK-1: a seller's mapping file, each row checked as `skuMappings.upsert` checks its input
 * and saved by the same function (which re-checks held orders): good rows are kept, each refused
 * row is reported with its line and a stable code. Rows go one after another, so two rows of
 * one SKU end as the file's last one says.
 */
export async function uploadSkuMappings(
  deps: ApiDeps,
  tenantId: string,
  content: string,
): Promise<{ saved: number; refused: number; results: SkuMappingRowResult[] }> {
  const results: SkuMappingRowResult[] = [];
  for (const { line, unitsPerSku, ...row } of parseSkuMappingCsv(content)) {
    const base = { line, marketplaceSkuId: row.marketplaceSkuId };
    const parsed = skuMappingInput.safeParse({
      ...row,
      ...(unitsPerSku !== undefined && { unitsPerSku: Number(unitsPerSku) }),
    });
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ');
      results.push({ ...base, outcome: 'refused', code: 'BAD_REQUEST', message });
      continue;
    }
    try {
      assertStorableText(parsed.data);
      await saveSkuMapping(deps, tenantId, parsed.data);
      results.push({ ...base, outcome: 'saved', code: null, message: null });
    } catch (err) {
      results.push({ ...base, outcome: 'refused', ...refusal(err) });
    }
  }
  const saved = results.filter((r) => r.outcome === 'saved').length;
  return { saved, refused: results.length - saved, results };
}
