/** An error the sim answers with TikTok's envelope `{code, message, request_id, data}`. */
export class SimApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Codes the sim answers. TikTok codes come from reference §5/§6; codes marked CHOSEN are the sim's
 * own choice where TikTok's table is not public (reference §10), so clients must not rely on them
 * beyond "a 4xx business error".
 */
export const CODES = {
  OVERLOADED: 36009004, // missing credentials, bad app_key, timestamp, unexpected identifier, params
  INVALID_SIGN: 106001,
  TOKEN_EXPIRED: 105002,
  CIPHER_REQUIRED: 106013,
  BAD_TOKEN_FOR_SHOP: 101000,
  RATE_LIMITED: 36009002,
  INTERNAL: 36009003,
  BAD_PATH: 36009009,
  /**
   * Missing or wrong Content-Type. Reference §6 lists 36009022/36009023 for the content type
   * without telling the two apart; a secondary copy of TikTok's error table names 36009022
   * "Invalid request format" (use application/json or multipart/form-data), so the sim answers
   * that one. Clients must not rely on which.
   */
  BAD_CONTENT_TYPE: 36009022,
  INVALID_AUTH_CODE: 36004004,
  INVALID_TRACKING: 21011022,
  NOT_SHIPPED_YET: 21011043,
  ALREADY_DELIVERED: 21011030,
  UPDATE_WINDOW_CLOSED: 21011051,
  /** CHOSEN: order status forbids shipping (ON_HOLD, UNPAID, fully shipped, cancelled). */
  ORDER_NOT_SHIPPABLE: 21011045,
  /** CHOSEN: unknown / already shipped order_line_item_ids. */
  BAD_LINE_ITEMS: 21011046,
  /** CHOSEN: split order, use the package-level update. */
  ORDER_IS_SPLIT: 21011052,
  /** CHOSEN: R-PEN-1 shipping freeze after three consecutive bad push-backs. */
  SHOP_SHIPPING_FROZEN: 21011060,
  /** CHOSEN: order id not found in this shop. */
  ORDER_NOT_FOUND: 21001001,
  /**
   * A seller-shipping call on an order whose delivery option TikTok fulfils (reference §5 lists
   * 21008117 for the shipping-providers call; the sim answers it for Mark As Shipped too).
   */
  FULFILLED_BY_TIKTOK: 21008117,
  /** CHOSEN: a TikTok Shipping label call on an order that ships with the seller's carrier. */
  NOT_TIKTOK_SHIPPING: 21011070,
  /** CHOSEN: the order line items are already in a package (no second package). */
  ALREADY_PACKAGED: 21011071,
  /** CHOSEN: shipping_service_id is not offered for this order and parcel. */
  SERVICE_UNAVAILABLE: 21011072,
  /** CHOSEN: package id not found in this shop. */
  PACKAGE_NOT_FOUND: 21011073,
  /** CHOSEN: the package was handed over already. */
  PACKAGE_ALREADY_SHIPPED: 21011074,
} as const;

/** TikTok's parameter error: the catch-all 36009004 with the reason (reference §6). */
export const badParam = (msg: string) => new SimApiError(CODES.OVERLOADED, msg, 400);
