/**
 * PO Box spellings (R-CHK-2): most carriers on this trade's channels cannot deliver parcels to
 * a post-office box. A private mailbox ("PMB 123") sits at a street address and is allowed;
 * places and words that merely contain "box" ("Boxwood Lane", "Box Hill", "Xbox") are not
 * boxes, so every pattern needs a box number or an unmistakable phrase.
 */

/** Spellings used in every market: English, Dutch, German, Japanese, Chinese. */
const UNIVERSAL: readonly RegExp[] = [
  // PO Box, P.O. Box, P O Box, P.O.Box, POBox, PO Bx, P. O. Bx
  /(?<![\p{L}\p{N}])P\.?\s?O\.?\s?B(?:o?x)(?![\p{L}])/iu,
  // POB 123, P.O.B. 123
  /(?<![\p{L}\p{N}])P\.?\s?O\.?\s?B\.?\s*#?\s*\d/iu,
  // Post Office Box, Post Box
  /(?<![\p{L}\p{N}])Post(?:\s*Office)?\s*Box(?![\p{L}])/iu,
  // "Box 123" opening the line
  /^\s*Box\s*(?:No\.?\s*)?#?\s*\d/iu,
  /(?<![\p{L}\p{N}])Postfach(?![\p{L}])/iu,
  /(?<![\p{L}\p{N}])Postbus\s*\d/iu,
  /私書箱|邮政信箱|郵政信箱/u,
];

/** Spellings that are only a box in some markets ("BP" is an oil company elsewhere). */
const BY_COUNTRY: Readonly<Record<string, readonly RegExp[]>> = {
  ES: [/(?<![\p{L}\p{N}])(?:Apartado(?:\s+de\s+Correos)?|Apdo\.?)\s*(?:n[ºo°]?\.?\s*)?#?\s*\d/iu],
  MX: [
    /(?<![\p{L}\p{N}])Apartado\s+(?:Postal|A[ée]reo)(?![\p{L}])/iu,
    /(?<![\p{L}\p{N}])(?:Apartado|Apdo\.?)\s*(?:No\.?\s*)?#?\s*\d/iu,
  ],
  FR: [/(?<![\p{L}\p{N}])Bo[iî]te\s+postale(?![\p{L}])/iu, /(?<![\p{L}\p{N}])B\.?\s?P\.?\s*\d/u],
  // Quebec: "C.P. 6128" / "Case postale" (casier postal).
  CA: [/(?<![\p{L}\p{N}])(?:C\.\s?P\.|Case\s+postale)\s*\d/iu],
  IT: [/(?<![\p{L}\p{N}])Casella\s+postale(?![\p{L}])/iu],
  BR: [/(?<![\p{L}\p{N}])(?:Caixa|Cx\.?)\s+Postal(?![\p{L}])/iu],
};

const NONE: readonly RegExp[] = [];

/** Whether one address line names a post-office box for the destination `country`. */
export function isPoBoxLine(line: string, country: string): boolean {
  for (const pattern of UNIVERSAL) if (pattern.test(line)) return true;
  for (const pattern of BY_COUNTRY[country] ?? NONE) if (pattern.test(line)) return true;
  return false;
}
