/** A shipping provider as TikTok lists it, plus the tracking shape the sim accepts for it. */
export interface SimProvider {
  id: string;
  name: string;
  /** Simplified shapes from reference §7, applied after stripping spaces and uppercasing. */
  tracking: RegExp;
}

export const USPS_ID = '7117858858072016686'; // the one id TikTok's docs show (reference §5)

export const PROVIDERS: readonly SimProvider[] = [
  {
    id: USPS_ID,
    name: 'USPS',
    // 20 digits, IMpb 22 digits starting 92-95 (optionally 420+ZIP prefixed), S10 ending US.
    tracking: /^(\d{20}|(420\d{5}(\d{4})?)?9[2-5]\d{20}|[A-Z]{2}\d{9}US)$/,
  },
  { id: '7117859084333745966', name: 'UPS', tracking: /^1Z[0-9A-Z]{16}$/ },
  { id: '7117858971884472106', name: 'FedEx', tracking: /^(\d{12}|\d{15}|96\d{20}|\d{34})$/ },
  { id: '7132708993207535362', name: 'DHL eCommerce', tracking: /^(GM\d{16,18}|420\d{27})$/ },
  { id: '7132709121406468870', name: 'DHL Express', tracking: /^(\d{10,11}|J[A-Z]{2,3}\d{9,10})$/ },
  { id: '7211302513435870983', name: 'YunExpress', tracking: /^YT\d{16}$/ },
  { id: '7211302709112063749', name: '4PX', tracking: /^(4PX\d{13}CN|LP00\d{12})$/ },
  { id: '7211302871335897349', name: 'Yanwen', tracking: /^U[A-Z]\d{9}YP$/ },
  { id: '7208502187360519942', name: 'Royal Mail', tracking: /^[A-Z]{2}\d{9}GB$/ },
  { id: '7208502367853991686', name: 'Evri', tracking: /^H[0-9A-Z]{15}$/ },
  { id: '7208502561437239045', name: 'DPD', tracking: /^(\d{10}|\d{14})$/ },
];

export interface SimDeliveryOption {
  id: string;
  name: string;
  region: string;
  providerIds: readonly string[];
}

const byName = (...names: string[]): string[] =>
  names.map((n) => {
    const p = PROVIDERS.find((x) => x.name === n);
    if (!p) throw new Error(`unknown provider ${n}`);
    return p.id;
  });

export const DELIVERY_OPTIONS: readonly SimDeliveryOption[] = [
  {
    id: '7129736414200055595',
    name: 'Standard shipping',
    region: 'US',
    providerIds: byName('USPS', 'UPS', 'FedEx', 'DHL eCommerce', 'YunExpress', '4PX', 'Yanwen'),
  },
  {
    id: '7129736414200088363',
    name: 'Express shipping',
    region: 'US',
    providerIds: byName('UPS', 'FedEx', 'DHL Express'),
  },
  {
    id: '7208507305442838277',
    name: 'Standard delivery',
    region: 'GB',
    providerIds: byName('Royal Mail', 'Evri', 'DPD', 'DHL Express', 'YunExpress', 'Yanwen'),
  },
];

export function deliveryOption(id: string): SimDeliveryOption | undefined {
  return DELIVERY_OPTIONS.find((d) => d.id === id);
}

export function provider(id: string): SimProvider | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

export function defaultDeliveryOption(region: string): SimDeliveryOption {
  const opt = DELIVERY_OPTIONS.find((d) => d.region === region) ?? DELIVERY_OPTIONS[0];
  if (!opt) throw new Error('no delivery options configured');
  return opt;
}

export function normalizeTracking(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}
