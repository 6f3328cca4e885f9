/**
 * Street-type and unit abbreviations per country (R-CHK-4), as data so a new market is a new
 * table, not new code. Keys are lower-case and written without a trailing period.
 *
 * - `suffix`: English order, the street type follows the name ("Main St").
 * - `prefix`: Romance order, the street type opens the segment ("Av. Paulista").
 * - `unit`: expanded only before a unit number ("Apt 4B", "Ste 200").
 * - `ambiguous`: also a name prefix ("St Johns", "Dr Martin Luther King", "Ste-Foy"), so it is
 *   expanded only where the next word cannot be a name.
 * - `directionals`: single-letter compass points, expanded only between a house number and
 *   a street name ("123 N Main St"), never alone ("N St" is a street in DC).
 */
export interface AbbreviationTable {
  suffix: Readonly<Record<string, string>>;
  prefix: Readonly<Record<string, string>>;
  unit: Readonly<Record<string, string>>;
  ambiguous: ReadonlySet<string>;
  directionals: Readonly<Record<string, string>>;
  /** Word endings that abbreviate a street type only when followed by a period ("Hauptstr."). */
  periodSuffixes: ReadonlyArray<readonly [ending: string, replacement: string]>;
}

const NORTH_AMERICA_SUFFIX = {
  st: 'Street',
  ave: 'Avenue',
  av: 'Avenue',
  rd: 'Road',
  blvd: 'Boulevard',
  dr: 'Drive',
  ln: 'Lane',
  ct: 'Court',
  cir: 'Circle',
  pl: 'Place',
  pkwy: 'Parkway',
  hwy: 'Highway',
  ter: 'Terrace',
  trl: 'Trail',
  sq: 'Square',
  expy: 'Expressway',
  fwy: 'Freeway',
  hts: 'Heights',
  cres: 'Crescent',
} as const;

const ENGLISH_UNITS = {
  apt: 'Apartment',
  ste: 'Suite',
  bldg: 'Building',
  fl: 'Floor',
  rm: 'Room',
  dept: 'Department',
} as const;

const DIRECTIONALS = {
  n: 'North',
  s: 'South',
  e: 'East',
  w: 'West',
  ne: 'Northeast',
  nw: 'Northwest',
  se: 'Southeast',
  sw: 'Southwest',
} as const;

const EMPTY: Readonly<Record<string, string>> = {};
const NO_ENDINGS: AbbreviationTable['periodSuffixes'] = [];

const NORTH_AMERICA: AbbreviationTable = {
  suffix: NORTH_AMERICA_SUFFIX,
  prefix: EMPTY,
  unit: ENGLISH_UNITS,
  ambiguous: new Set(['st', 'dr', 'ste']),
  directionals: DIRECTIONALS,
  periodSuffixes: NO_ENDINGS,
};

/** UK and Irish usage: no compass-point prefixes, more house-and-garden street types. */
const BRITISH_ISLES: AbbreviationTable = {
  suffix: {
    st: 'Street',
    rd: 'Road',
    ave: 'Avenue',
    cres: 'Crescent',
    gdns: 'Gardens',
    sq: 'Square',
    ln: 'Lane',
    dr: 'Drive',
    cl: 'Close',
    ct: 'Court',
    gr: 'Grove',
    pl: 'Place',
    tce: 'Terrace',
    terr: 'Terrace',
    pde: 'Parade',
    pk: 'Park',
    grn: 'Green',
    est: 'Estate',
  },
  prefix: EMPTY,
  unit: { apt: 'Apartment', bldg: 'Building', fl: 'Floor' },
  ambiguous: new Set(['st', 'dr']),
  directionals: EMPTY,
  periodSuffixes: NO_ENDINGS,
};

const SPANISH: AbbreviationTable = {
  suffix: EMPTY,
  prefix: { av: 'Avenida', avda: 'Avenida', 'c/': 'Calle', col: 'Colonia', blvr: 'Bulevar' },
  unit: { dpto: 'Departamento', depto: 'Departamento', int: 'Interior' },
  ambiguous: new Set(),
  directionals: EMPTY,
  periodSuffixes: NO_ENDINGS,
};

const TABLES: Readonly<Record<string, AbbreviationTable>> = {
  US: NORTH_AMERICA,
  CA: NORTH_AMERICA,
  PR: NORTH_AMERICA,
  GB: BRITISH_ISLES,
  IE: BRITISH_ISLES,
  MX: SPANISH,
  ES: SPANISH,
  BR: {
    suffix: EMPTY,
    prefix: { r: 'Rua', av: 'Avenida', al: 'Alameda', trav: 'Travessa', rod: 'Rodovia' },
    unit: { apto: 'Apartamento', ap: 'Apartamento', bl: 'Bloco' },
    ambiguous: new Set(),
    directionals: EMPTY,
    periodSuffixes: NO_ENDINGS,
  },
  FR: {
    suffix: EMPTY,
    prefix: { av: 'Avenue', bd: 'Boulevard', bld: 'Boulevard', imp: 'Impasse', chem: 'Chemin' },
    unit: { bat: 'Bâtiment', bât: 'Bâtiment', appt: 'Appartement' },
    ambiguous: new Set(),
    directionals: EMPTY,
    periodSuffixes: NO_ENDINGS,
  },
  IT: {
    suffix: EMPTY,
    prefix: { 'v.le': 'Viale', 'p.za': 'Piazza', 'c.so': 'Corso', 'l.go': 'Largo' },
    unit: { int: 'Interno', sc: 'Scala' },
    ambiguous: new Set(),
    directionals: EMPTY,
    periodSuffixes: NO_ENDINGS,
  },
  MY: {
    suffix: EMPTY,
    prefix: { jln: 'Jalan', tmn: 'Taman', lrg: 'Lorong', kg: 'Kampung' },
    unit: EMPTY,
    ambiguous: new Set(),
    directionals: EMPTY,
    periodSuffixes: NO_ENDINGS,
  },
  ID: {
    suffix: EMPTY,
    prefix: { jl: 'Jalan', jln: 'Jalan', gg: 'Gang' },
    unit: { no: 'Nomor' },
    ambiguous: new Set(),
    directionals: EMPTY,
    periodSuffixes: NO_ENDINGS,
  },
  PH: {
    suffix: { st: 'Street', ave: 'Avenue', rd: 'Road', blvd: 'Boulevard', dr: 'Drive' },
    prefix: { brgy: 'Barangay' },
    unit: { blk: 'Block', bldg: 'Building', fl: 'Floor', rm: 'Room' },
    ambiguous: new Set(['st', 'dr']),
    directionals: EMPTY,
    periodSuffixes: NO_ENDINGS,
  },
  DE: {
    suffix: EMPTY,
    prefix: EMPTY,
    unit: EMPTY,
    ambiguous: new Set(),
    directionals: EMPTY,
    periodSuffixes: [['str', 'straße']],
  },
};

/** Every table by ISO country code; a market without a table gets no expansion. */
export function listAbbreviationTables(): ReadonlyArray<readonly [string, AbbreviationTable]> {
  return Object.entries(TABLES);
}
