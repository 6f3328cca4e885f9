/**
 * R-RT-1 (first cut): candidates that are active, serve the destination country and hold the
 * order's carrier channel, in a stable order. Scoring by cost, speed and SLA record comes later.
 */
export interface SupplierCandidate {
  id: string;
  code: string;
  countries: readonly string[];
  carriers: readonly string[];
}

export function rankSuppliers<T extends SupplierCandidate>(
  candidates: readonly T[],
  need: { country: string; carrier: string },
): T[] {
  return candidates
    .filter((s) => s.countries.includes(need.country) && s.carriers.includes(need.carrier))
    .sort((a, b) => a.code.localeCompare(b.code));
}
