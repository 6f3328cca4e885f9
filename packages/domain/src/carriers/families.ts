/**
 * Loose per-carrier prefixes: a number claimed for the carrier that starts like the carrier's
 * numbers but matches none of its shapes is `invalid_format` rather than `unknown_format`.
 * FedEx only has its `96` barcode here: plain digit runs say nothing about FedEx, so an odd
 * digit count stays `unknown_format` (FedEx has more shapes than we model).
 */
export const CARRIER_FAMILIES: Readonly<Record<string, RegExp>> = {
  USPS: /^(?:9[1-5]\d{8,}|420\d{5,}|[A-Z]{2}\d{6,}US)$/,
  UPS: /^1Z/,
  FEDEX: /^96\d{10,}$/,
  DHL_EXPRESS: /^J[A-Z]{2,3}\d+$/,
  DHL_ECOMMERCE: /^GM\d+$/,
  CHINA_POST: /^[A-Z]{2}\d{6,}CN$/,
  CHINA_EMS: /^[A-Z]{2}\d{6,}CN$/,
  YUNEXPRESS: /^YT\d+$/,
  YTO: /^YT\d+$/,
  YANWEN: /^(?:U[A-Z]\d+YP|[A-Z]{2}\d{6,}CN)$/,
  '4PX': /^(?:4PX|LP00|3042)/,
  CNE: /^3A5V/,
  SF_EXPRESS: /^SF\d/,
  AMAZON_LOGISTICS: /^TBA/,
  ROYAL_MAIL: /^[A-Z]{2}\d{6,}GB$/,
};
