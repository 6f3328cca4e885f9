/**
 * Word pools for generated seller-center exports: the shapes real files have (Chinese
 * product names, addresses with commas and quotes, several spellings of a country or a
 * carrier), not real buyers. Test data only.
 */

// biome-ignore format: a word list
export const PRODUCTS = [
  '女士针织开衫 Women\'s Cardigan, Beige', '无线蓝牙耳机 TWS Earbuds', '12" Ring Light, with tripod',
  '儿童保温杯 Kids Thermos 350ml', 'LED 星空投影灯', 'Phone Case "Clear" iPhone 15', '瑜伽裤 高腰',
  'Silicone Baking Mat, 2-pack', '宠物自动喂食器 Pet Feeder', '美甲贴片 Press-on Nails (24 pcs)',
];

// biome-ignore format: a word list
export const VARIATIONS = ['Beige, M', 'Black', '白色, L', 'Default', '2-Pack, Blue'];

// biome-ignore format: a word list
export const NAMES = [
  'Emily Johnson', "Liam O'Brien", 'María José García', '王小明', 'Chen, Wei', 'Sarah "Sally" Lee',
  'Noah Smith', 'Olivia Brown', 'Zoë Müller', '佐藤 花子',
];

// biome-ignore format: a word list
export const STREETS = ['Main St', 'Oak Avenue', 'Maple Rd.', 'Elm Street', 'Sunset Blvd', 'High Street', '1st Ave'];

// biome-ignore format: a word list
export const EXTRAS = ['', '', 'Apt 4B', 'Suite 200, Floor 2', 'Unit 7\nRing bell twice', '门卫室代收'];

/** Destination markets: how the export may spell the country, and a plausible address. */
export interface Market {
  spellings: readonly string[];
  phonePrefix: string;
  phoneDigits: number;
  cities: readonly (readonly [city: string, state: string, zip: string])[];
  carriers: readonly string[];
}

// biome-ignore format: a table
export const MARKETS: readonly Market[] = [
  { spellings: ['United States', 'US', '美国'], phonePrefix: '(+1)', phoneDigits: 10,
    cities: [['Los Angeles', 'California', '90012'], ['Houston', 'Texas', '77002'], ['St. Louis', 'Missouri', '63101'], ['New York', 'New York', '10001']],
    carriers: ['USPS', 'UPS', 'FedEx', 'YunExpress', '云途', 'TikTok Shipping', '4PX'] },
  { spellings: ['United Kingdom', 'GB', 'UK'], phonePrefix: '(+44)', phoneDigits: 10,
    cities: [['London', 'England', 'SW1A 1AA'], ['Manchester', 'England', 'M1 1AE']],
    carriers: ['Royal Mail', 'Yanwen', 'DHL eCommerce'] },
  { spellings: ['Mexico', 'MX'], phonePrefix: '+52 ', phoneDigits: 10,
    cities: [['Ciudad de México', 'CDMX', '06600'], ['Guadalajara', 'Jalisco', '44100']],
    carriers: ['FedEx', 'CNE Express'] },
  { spellings: ['Japan', 'JP', '日本'], phonePrefix: '+81 ', phoneDigits: 10,
    cities: [['東京都', '千代田区', '100-0001']], carriers: ['SF Express', 'China Post'] },
];
