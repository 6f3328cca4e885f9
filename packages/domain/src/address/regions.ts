/**
 * US states and Canadian provinces: names → codes, and the postcode prefixes each one owns
 * (R-CHK-2: the US ZIP must agree with the state). Data from the USPS ZIP3 allocation and
 * Canada Post's forward-sortation first letters.
 */

/** [state code, name, ZIP3 ranges as "lo-hi" or single prefixes]. */
const US_STATES: ReadonlyArray<readonly [string, string, string]> = [
  ['AL', 'Alabama', '350-369'],
  ['AK', 'Alaska', '995-999'],
  ['AZ', 'Arizona', '850-865'],
  ['AR', 'Arkansas', '716-729'],
  ['CA', 'California', '900-961'],
  ['CO', 'Colorado', '800-816'],
  ['CT', 'Connecticut', '060-069'],
  ['DE', 'Delaware', '197-199'],
  ['DC', 'District of Columbia', '200 202-205 569'],
  ['FL', 'Florida', '320-339 341-349'],
  ['GA', 'Georgia', '300-319 398-399'],
  ['HI', 'Hawaii', '967-968'],
  ['ID', 'Idaho', '832-838'],
  ['IL', 'Illinois', '600-629'],
  ['IN', 'Indiana', '460-479'],
  ['IA', 'Iowa', '500-528'],
  ['KS', 'Kansas', '660-679'],
  ['KY', 'Kentucky', '400-427'],
  ['LA', 'Louisiana', '700-715'],
  ['ME', 'Maine', '039-049'],
  ['MD', 'Maryland', '206-219'],
  ['MA', 'Massachusetts', '010-027 055'],
  ['MI', 'Michigan', '480-499'],
  ['MN', 'Minnesota', '550-567'],
  ['MS', 'Mississippi', '386-397'],
  ['MO', 'Missouri', '630-658'],
  ['MT', 'Montana', '590-599'],
  ['NE', 'Nebraska', '680-693'],
  ['NV', 'Nevada', '889-898'],
  ['NH', 'New Hampshire', '030-038'],
  ['NJ', 'New Jersey', '070-089'],
  ['NM', 'New Mexico', '870-884'],
  ['NY', 'New York', '005 100-149'],
  ['NC', 'North Carolina', '270-289'],
  ['ND', 'North Dakota', '580-588'],
  ['OH', 'Ohio', '430-459'],
  ['OK', 'Oklahoma', '730-732 734-749'],
  ['OR', 'Oregon', '970-979'],
  ['PA', 'Pennsylvania', '150-196'],
  ['RI', 'Rhode Island', '028-029'],
  ['SC', 'South Carolina', '290-299'],
  ['SD', 'South Dakota', '570-577'],
  ['TN', 'Tennessee', '370-385'],
  ['TX', 'Texas', '733 750-799 885'],
  ['UT', 'Utah', '840-847'],
  ['VT', 'Vermont', '050-054 056-059'],
  ['VA', 'Virginia', '201 220-246'],
  ['WA', 'Washington', '980-994'],
  ['WV', 'West Virginia', '247-268'],
  ['WI', 'Wisconsin', '530-549'],
  ['WY', 'Wyoming', '820-831'],
  ['PR', 'Puerto Rico', '006-007 009'],
  ['GU', 'Guam', '969'],
  ['VI', 'Virgin Islands', '008'],
  // Armed forces "states": recognised so the military hold, not a state mismatch, fires.
  ['AA', 'Armed Forces Americas', '340'],
  ['AE', 'Armed Forces Europe', '090-098'],
  ['AP', 'Armed Forces Pacific', '962-966'],
];

/** [code, name, French name, postcode first letters]. */
const CA_PROVINCES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['NL', 'Newfoundland and Labrador', 'Terre-Neuve-et-Labrador', 'A'],
  ['NS', 'Nova Scotia', 'Nouvelle-Écosse', 'B'],
  ['PE', 'Prince Edward Island', 'Île-du-Prince-Édouard', 'C'],
  ['NB', 'New Brunswick', 'Nouveau-Brunswick', 'E'],
  ['QC', 'Quebec', 'Québec', 'GHJ'],
  ['ON', 'Ontario', 'Ontario', 'KLMNP'],
  ['MB', 'Manitoba', 'Manitoba', 'R'],
  ['SK', 'Saskatchewan', 'Saskatchewan', 'S'],
  ['AB', 'Alberta', 'Alberta', 'T'],
  ['BC', 'British Columbia', 'Colombie-Britannique', 'V'],
  ['NT', 'Northwest Territories', 'Territoires du Nord-Ouest', 'X'],
  ['NU', 'Nunavut', 'Nunavut', 'X'],
  ['YT', 'Yukon', 'Yukon', 'Y'],
];

const NON_LETTERS = /[^\p{L}]+/gu;

/** Lower-case letters only, so "New  York", "new-york" and "N.Y." style noise compare equal. */
function keyOf(text: string): string {
  return text.toLowerCase().replace(NON_LETTERS, '');
}

const US_CODES = new Map<string, string>();
const ZIP3_OWNER = new Map<number, string>();
for (const [code, name, ranges] of US_STATES) {
  US_CODES.set(code.toLowerCase(), code);
  US_CODES.set(keyOf(name), code);
  for (const range of ranges.split(' ')) {
    const [lo, hi] = range.split('-');
    const from = Number(lo);
    const to = hi === undefined ? from : Number(hi);
    for (let p = from; p <= to; p++) ZIP3_OWNER.set(p, code);
  }
}
US_CODES.set('washingtondc', 'DC');

const CA_CODES = new Map<string, string>();
const CA_LETTERS = new Map<string, string>();
for (const [code, name, french, letters] of CA_PROVINCES) {
  CA_CODES.set(code.toLowerCase(), code);
  CA_CODES.set(keyOf(name), code);
  CA_CODES.set(keyOf(french), code);
  CA_LETTERS.set(code, letters);
}
CA_CODES.set('pq', 'QC');

/** The USPS code of a US state written as a code or a name ("ny", "New York"), else null. */
export function resolveUsState(region: string): string | null {
  return US_CODES.get(keyOf(region)) ?? null;
}

/** The Canadian province code for a code or an English / French name, else null. */
export function resolveCaProvince(region: string): string | null {
  return CA_CODES.get(keyOf(region)) ?? null;
}

/** The state owning a ZIP's first three digits, or null for unallocated prefixes. */
export function findZipState(zip: string): string | null {
  return ZIP3_OWNER.get(Number(zip.slice(0, 3))) ?? null;
}

/** The provinces whose postcodes start with this letter ("X" → "NT/NU"), for hold messages. */
export function findCaProvinces(postcode: string): string {
  const letter = postcode.charAt(0);
  const owners: string[] = [];
  for (const [code, letters] of CA_LETTERS) if (letters.includes(letter)) owners.push(code);
  return owners.join('/');
}

/** Whether a Canadian postcode's first letter belongs to the province. */
export function matchesCaProvince(postcode: string, province: string): boolean {
  return CA_LETTERS.get(province)?.includes(postcode.charAt(0)) ?? true;
}
