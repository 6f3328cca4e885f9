/**
 * Tracking-number corpus per carrier, for tests and the benchmark (R-TRK-1).
 *
 * Provenance: "sample" numbers are examples that circulate publicly (carrier docs, the api
 * reference §7, open-source detector test data); each check digit was recomputed with an
 * independent script before it was put here, and numbers whose check digit did not compute were
 * left out of `verified`. "Generated" numbers were made by that script, not by this package.
 * Invalid numbers are valid ones with one change, wrong lengths, or another carrier's number.
 */

import type { TrackingStatus } from '../../carriers/tracking.ts';
import { POSTS_AND_CHINA_CORPUS } from './posts.ts';

/** Expected verdicts for one claimed carrier. */
export interface CarrierCorpus {
  /** Valid, and the carrier's check digit verifies. */
  verified: readonly string[];
  /** Valid shape of a carrier (or shape) without a public check digit. */
  unverified: readonly string[];
  /** Numbers that must not pass, with the expected status. */
  invalid: ReadonlyArray<readonly [string, TrackingStatus]>;
}

// biome-ignore format: tables of numbers read better one group per line
export const TRACKING_CORPUS: Readonly<Record<string, CarrierCorpus>> = {
  USPS: {
    verified: [
      // samples
      '9400111206206406260787', '9205590164917312751089', '9361289738009091756410',
      '9270190164917312751078', '9405511899223197428490',
      '420221539101026837331000039521', // 420 + ZIP5 routing prefix, stripped to the IMpb
      // generated
      '9261110665803517374591', '9400813666952159336026', '9405664433884753033117',
      '9400195106049698552038', '03183893689696705506', '70866700672067904993',
      'EC462570900US', 'LZ128610132US', 'EE123456785US',
    ],
    unverified: [],
    invalid: [
      ['9400111206206406260788', 'invalid_check_digit'],
      ['9261110665803517374590', 'invalid_check_digit'],
      ['03183893689696705507', 'invalid_check_digit'],
      ['EC462570901US', 'invalid_check_digit'],
      ['940011120620640626078', 'invalid_format'], // 21 digits
      ['94001112062064062607$7', 'invalid_format'],
      ['1Z999AA10123456784', 'carrier_mismatch'], // UPS
      // Accepted before by check digit alone; no USPS label carries them.
      ['ZZ123456785US', 'invalid_format'], // no S10 service indicator USPS issues
      ['55123456789012345675', 'unknown_format'], // 20 digits with no USPS service prefix
    ],
  },
  UPS: {
    verified: [
      // samples
      '1Z999AA10123456784', '1Z12345E6605272234', '1Z5R89390357567127', '1Z879E930346834440',
      '1Z410E7W0392751591', '1Z8V92A70367203024', '1ZXX3150YW44070023', '1Z648616E192760718',
      // generated
      '1ZIMVM950368379697', '1Z04XSAV0158121082', '1ZX4TVXP1271623237', '1ZRES8LI0239410965',
    ],
    unverified: ['H1234567890', 'T9876543210'], // waybill shape, no check digit
    invalid: [
      ['1Z999AA10123456785', 'invalid_check_digit'],
      ['1Z5R89390357567128', 'invalid_check_digit'],
      ['1ZXX3150YW44070024', 'invalid_check_digit'],
      ['1Z999AA1012345678', 'invalid_format'], // 17 characters
      ['1Z999AA101234567A', 'invalid_format'], // check position is a letter
      // Letters in the package reference, with a check digit that computes: no UPS label.
      ['1Z999AA1012345A788', 'invalid_format'],
      ['1Z4Y6F2E01X2345674', 'invalid_format'],
      ['9400111206206406260787', 'carrier_mismatch'], // USPS
    ],
  },
  FEDEX: {
    verified: [
      // samples
      '123456789012', '986578788855', '477179081230', '799531274483', '790535312317',
      '974367662710', '449044304137821', '041441760228964', '9611020987654312345672',
      // generated
      '738499465291', '551363824280', '581843871257', '073441252495491', '938787694257210',
      '9611007072450624427979',
    ],
    unverified: [],
    invalid: [
      ['123456789013', 'invalid_check_digit'],
      ['986578788856', 'invalid_check_digit'],
      ['449044304137822', 'invalid_check_digit'],
      ['9611020987654312345673', 'invalid_check_digit'],
      ['3318810025', 'carrier_mismatch'], // DHL Express
      ['304212345678', 'carrier_mismatch'], // 4PX prefix outranks a bare 12-digit run
      ['1234567890123', 'unknown_format'], // 13 digits: no FedEx shape we model
      ['012345678906', 'unknown_format'], // Express numbers never start with 0
      ['000000000000', 'invalid_format'], // a zero serial passes every weighted checksum
    ],
  },
  DHL_EXPRESS: {
    verified: [
      // samples
      '3318810025', '8487135506', '73891051146',
      // generated
      '2950751823', '4042933764', '6796406621', '9458533906', '1399613294', '3143174985',
      '17762610434',
    ],
    unverified: ['JJD1234567890', 'JVGL123456789'],
    invalid: [
      ['3318810026', 'invalid_check_digit'],
      ['8487135507', 'invalid_check_digit'],
      ['3318810027', 'invalid_check_digit'], // 7 can never be a mod-7 digit
      ['73891051147', 'invalid_check_digit'],
      ['JJD1234', 'invalid_format'],
      ['0123456782', 'unknown_format'], // a waybill never starts with 0
      ['0000000000', 'invalid_format'],
      ['123456789012', 'carrier_mismatch'], // FedEx
    ],
  },
  ...POSTS_AND_CHINA_CORPUS,
};
