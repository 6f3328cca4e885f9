// Realistic-looking catalog and addresses (public landmark / example data, no real buyers).

export interface Product {
  productId: string;
  productName: string;
  skus: Array<{ skuId: string; sellerSku: string; skuName: string; price: number }>;
}

export const PRODUCTS: readonly Product[] = [
  {
    productId: '1729384756102938475',
    productName: 'Magnetic Phone Case',
    skus: [
      { skuId: '1729384756102938476', sellerSku: 'CASE-MAG-BLK', skuName: 'Black', price: 1299 },
      { skuId: '1729384756102938477', sellerSku: 'CASE-MAG-CLR', skuName: 'Clear', price: 1299 },
    ],
  },
  {
    productId: '1729384756102938480',
    productName: 'LED Strip Lights 5m',
    skus: [{ skuId: '1729384756102938481', sellerSku: 'LED-5M-RGB', skuName: 'RGB', price: 1999 }],
  },
  {
    productId: '1729384756102938490',
    productName: 'Stainless Steel Tumbler 30oz',
    skus: [
      { skuId: '1729384756102938491', sellerSku: 'TMB-30-SIL', skuName: 'Silver', price: 2450 },
      { skuId: '1729384756102938492', sellerSku: 'TMB-30-PNK', skuName: 'Pink', price: 2450 },
    ],
  },
  {
    productId: '1729384756102938500',
    productName: 'Heatless Hair Curler Set',
    skus: [
      { skuId: '1729384756102938501', sellerSku: 'HAIR-CURL-01', skuName: 'Default', price: 899 },
    ],
  },
];

export interface AddressSeed {
  line1: string;
  city: string;
  state: string;
  stateIso: string;
  postalCode: string;
}

// Abbreviations ("St", "Ave") are deliberate: R-CHK-4 says ~15% of real addresses carry them.
export const US_ADDRESSES: readonly AddressSeed[] = [
  {
    line1: '350 Fifth Ave',
    city: 'New York',
    state: 'New York',
    stateIso: 'US-NY',
    postalCode: '10118',
  },
  {
    line1: '1600 Amphitheatre Pkwy',
    city: 'Mountain View',
    state: 'California',
    stateIso: 'US-CA',
    postalCode: '94043',
  },
  {
    line1: '233 S Wacker Dr',
    city: 'Chicago',
    state: 'Illinois',
    stateIso: 'US-IL',
    postalCode: '60606',
  },
  {
    line1: '400 Broad St',
    city: 'Seattle',
    state: 'Washington',
    stateIso: 'US-WA',
    postalCode: '98109',
  },
  {
    line1: '1 Fan Club Way',
    city: 'Orlando',
    state: 'Florida',
    stateIso: 'US-FL',
    postalCode: '32801',
  },
  {
    line1: '2000 Main St',
    city: 'Houston',
    state: 'Texas',
    stateIso: 'US-TX',
    postalCode: '77002',
  },
];

export const UK_ADDRESSES: readonly AddressSeed[] = [
  {
    line1: '221B Baker St',
    city: 'London',
    state: 'England',
    stateIso: 'GB-ENG',
    postalCode: 'NW1 6XE',
  },
  {
    line1: '10 Deansgate',
    city: 'Manchester',
    state: 'England',
    stateIso: 'GB-ENG',
    postalCode: 'M3 1AZ',
  },
  {
    line1: '1 Princes St',
    city: 'Edinburgh',
    state: 'Scotland',
    stateIso: 'GB-SCT',
    postalCode: 'EH2 2EQ',
  },
  {
    line1: '5 Queen St',
    city: 'Cardiff',
    state: 'Wales',
    stateIso: 'GB-WLS',
    postalCode: 'CF10 2BU',
  },
];

export const FIRST_NAMES = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mason', 'Sophia', 'Ethan'];
export const LAST_NAMES = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans'];
