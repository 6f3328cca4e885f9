/**
 * The carriers the platform knows (R-TRK-3): our stable code, the name in the marketplace's
 * preset provider list (CSV column 7 and the shipping-provider pick must use it), lookup
 * aliases in English and Chinese (suppliers type 云途 or "yun express"), the destinations a
 * carrier serves and whether its labels can be bought through TikTok Shipping.
 *
 * Destinations and platform-label flags are defaults from public carrier coverage, not a
 * contract: the authoritative list per shop is the marketplace's
 * `delivery_options/{id}/shipping_providers` answer, which the caller passes to the channel
 * check as `shopCarriers`.
 */

/** One carrier the platform can validate tracking numbers for and route orders to. */
export interface Carrier {
  /** Our stable code, e.g. `YUNEXPRESS`. */
  code: string;
  /** Name in the marketplace preset provider list, e.g. `YunExpress` (R-TRK-3). */
  marketplaceName: string;
  /** Other spellings accepted by {@link findCarrier}; matched case-, space- and dash-insensitively. */
  aliases: readonly string[];
  /** ISO 3166-1 alpha-2 destination countries, or `ANY` for worldwide networks. */
  destinations: readonly string[] | 'ANY';
  /** True when TikTok Shipping sells labels on this carrier (R-CHK-3 platform labels). */
  platformLabel: boolean;
}

/** Markets TikTok Shop sells in; the cross-border China carriers below serve these. */
// biome-ignore format: a list of country codes
const TIKTOK_MARKETS = ['US', 'GB', 'IE', 'DE', 'FR', 'IT', 'ES', 'MX', 'BR', 'JP', 'ID', 'MY', 'PH', 'SG', 'TH', 'VN'] as const;
const CROSS_BORDER = [...TIKTOK_MARKETS, 'CA', 'AU', 'NL', 'BE', 'AT', 'PL', 'SE'] as const;

// biome-ignore format: one carrier per line reads as a table
const CARRIER_LIST: readonly Carrier[] = [
  { code: 'USPS', marketplaceName: 'USPS', aliases: ['United States Postal Service', 'US Postal Service', '美国邮政'], destinations: ['US', 'PR', 'GU', 'VI', 'AS', 'MP'], platformLabel: true },
  { code: 'UPS', marketplaceName: 'UPS', aliases: ['United Parcel Service', 'UPS Ground'], destinations: 'ANY', platformLabel: true },
  { code: 'FEDEX', marketplaceName: 'FedEx', aliases: ['Federal Express', 'FedEx Ground', 'FedEx Express', '联邦快递'], destinations: 'ANY', platformLabel: true },
  { code: 'DHL_EXPRESS', marketplaceName: 'DHL Express', aliases: ['DHL', 'DHL Worldwide Express', 'DHL快递'], destinations: 'ANY', platformLabel: false },
  { code: 'DHL_ECOMMERCE', marketplaceName: 'DHL eCommerce', aliases: ['DHL eCommerce Solutions', 'DHL Global Mail', 'DHL电商'], destinations: ['US', 'CA', 'GB', 'DE', 'FR', 'IT', 'ES', 'IE', 'MY', 'TH', 'VN', 'ID', 'AU'], platformLabel: false },
  { code: 'CHINA_POST', marketplaceName: 'China Post', aliases: ['China Post Registered Air Mail', 'China Post Air Mail', 'ePacket', 'e邮宝', '中国邮政', '中国邮政小包'], destinations: 'ANY', platformLabel: false },
  { code: 'CHINA_EMS', marketplaceName: 'China EMS', aliases: ['EMS', 'China Post EMS', '中国邮政EMS', 'EMS国际'], destinations: 'ANY', platformLabel: false },
  { code: 'YUNEXPRESS', marketplaceName: 'YunExpress', aliases: ['Yun Express', 'YunTu', '云途', '云途物流'], destinations: CROSS_BORDER, platformLabel: false },
  { code: 'YANWEN', marketplaceName: 'Yanwen', aliases: ['Yanwen Express', 'Yanwen Logistics', '燕文', '燕文物流'], destinations: CROSS_BORDER, platformLabel: false },
  { code: '4PX', marketplaceName: '4PX', aliases: ['4PX Express', '4PX Worldwide Express', '递四方'], destinations: CROSS_BORDER, platformLabel: false },
  { code: 'CNE', marketplaceName: 'CNE Express', aliases: ['CNE', '递一国际', '递一'], destinations: CROSS_BORDER, platformLabel: false },
  { code: 'SF_EXPRESS', marketplaceName: 'SF Express', aliases: ['SF', 'S.F. Express', 'SF International', '顺丰', '顺丰速运'], destinations: [...CROSS_BORDER, 'CN', 'HK', 'MO', 'TW'], platformLabel: false },
  // YTO's YT+13 numbers are domestic China legs (factory → consolidation warehouse).
  { code: 'YTO', marketplaceName: 'YTO Express', aliases: ['Yuantong', 'YTO', '圆通', '圆通速递'], destinations: ['CN'], platformLabel: false },
  { code: 'AMAZON_LOGISTICS', marketplaceName: 'Amazon Logistics', aliases: ['Amazon Shipping', 'AMZL', 'Amazon'], destinations: ['US', 'GB', 'DE', 'FR', 'IT', 'ES', 'JP'], platformLabel: false },
  { code: 'ROYAL_MAIL', marketplaceName: 'Royal Mail', aliases: ['Royal Mail Tracked', '英国皇家邮政'], destinations: ['GB', 'JE', 'GG', 'IM'], platformLabel: false },
  { code: 'TIKTOK_SHIPPING', marketplaceName: 'TikTok Shipping', aliases: ['TTS', 'TikTok Shop Shipping', 'TikTok物流'], destinations: TIKTOK_MARKETS, platformLabel: true },
];

/** Code of the marketplace's own label channel (shipping_type TIKTOK). */
export const TIKTOK_SHIPPING = 'TIKTOK_SHIPPING';

/**
 * Lookup key: NFKC folds full-width characters that Chinese keyboards produce, then case,
 * spaces, dashes, dots and underscores are dropped so `DHL_EXPRESS`, `DHL Express` and
 * `dhl-express` meet.
 */
function toLookupKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.·]+/g, '');
}

const BY_KEY = new Map<string, Carrier>();
const BY_CODE = new Map<string, Carrier>();
for (const carrier of CARRIER_LIST) {
  BY_CODE.set(carrier.code, carrier);
  for (const name of [carrier.code, carrier.marketplaceName, ...carrier.aliases]) {
    const key = toLookupKey(name);
    const existing = BY_KEY.get(key);
    // Fail at load rather than let an alias silently point at two carriers.
    if (existing && existing !== carrier) {
      throw new Error(`carrier alias "${name}" is used by ${existing.code} and ${carrier.code}`);
    }
    BY_KEY.set(key, carrier);
  }
}

/** All registered carriers, in registry order. */
export function listCarriers(): readonly Carrier[] {
  return CARRIER_LIST;
}

/**
 * Finds a carrier by our code, its marketplace name or an alias.
 * @example findCarrier('yun express')?.code // 'YUNEXPRESS'
 * @example findCarrier('云途')?.marketplaceName // 'YunExpress'
 */
export function findCarrier(nameOrCode: string): Carrier | undefined {
  return BY_CODE.get(nameOrCode) ?? BY_KEY.get(toLookupKey(nameOrCode));
}

/**
 * The marketplace preset provider name for a carrier code or alias (R-TRK-3), or undefined when
 * the carrier is unknown.
 * @example marketplaceName('FEDEX') // 'FedEx'
 */
export function marketplaceName(code: string): string | undefined {
  return findCarrier(code)?.marketplaceName;
}

/** Upper-cases an ISO country code and maps the common `UK` to ISO `GB`. */
export function normalizeCountryCode(country: string): string {
  const c = country.trim().toUpperCase();
  return c === 'UK' ? 'GB' : c;
}

/** True when the carrier delivers to the destination country. */
export function isDestinationSupported(carrier: Carrier, country: string): boolean {
  if (carrier.destinations === 'ANY') return true;
  return carrier.destinations.includes(normalizeCountryCode(country));
}
