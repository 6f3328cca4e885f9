/**
 * Corpus part two: UPU S10 posts, the China-origin carriers and the channels built on others'
 * numbers. Provenance and conventions as in `index.ts`.
 */
import type { CarrierCorpus } from './index.ts';

// biome-ignore format: tables of numbers read better one group per line
export const POSTS_AND_CHINA_CORPUS: Readonly<Record<string, CarrierCorpus>> = {
  CHINA_POST: {
    verified: [
      // samples
      'RR249587613CN', 'LK059460815CN', 'RB123456785CN', 'CP123456785CN',
      // generated
      'RB176365560CN', 'RR733254758CN', 'LK627038289CN', 'LX838049861CN', 'CP137505716CN',
      'UA113091762CN', 'RA836196093CN', 'LT171629287CN',
    ],
    unverified: [],
    invalid: [
      ['RB123456784CN', 'invalid_check_digit'],
      ['RR249587614CN', 'invalid_check_digit'],
      ['LK059460816CN', 'invalid_check_digit'],
      ['RR24958761CN', 'invalid_format'],
      ['AB123456785CN', 'invalid_format'], // no S10 service indicator China Post issues
      ['RR000000005CN', 'invalid_format'], // zero serial, though its check digit computes
      ['YT2229521272164446', 'carrier_mismatch'], // YunExpress
      ['EE123456785US', 'carrier_mismatch'], // USPS international
    ],
  },
  CHINA_EMS: {
    verified: [
      'EA055052475CN', 'EB948404370CN', 'EE414447165CN', 'EJ621528032CN', 'EK918123185CN',
      'EM405062918CN', 'EV292191595CN', 'EX120518857CN', 'EZ366205714CN', 'ED262706519CN',
      'RR249587613CN', // China Post and EMS are one group: either claim is accepted
    ],
    unverified: [],
    invalid: [
      ['EA055052476CN', 'invalid_check_digit'],
      ['EB948404371CN', 'invalid_check_digit'],
      ['EE414447166CN', 'invalid_check_digit'],
      ['EA05505247CN', 'invalid_format'],
      ['UG336196744YP', 'carrier_mismatch'], // Yanwen
    ],
  },
  ROYAL_MAIL: {
    verified: [
      'RA123456785GB', 'RM824594022GB', 'AB465566833GB', 'LX966873269GB', 'VA863820335GB',
      'RQ778887653GB', 'CP782742964GB', 'RA668603235GB', 'LV609571681GB', 'RH774320350GB',
      'AD707323870GB',
    ],
    unverified: [],
    invalid: [
      ['RA123456784GB', 'invalid_check_digit'],
      ['RM824594023GB', 'invalid_check_digit'],
      ['AB465566834GB', 'invalid_check_digit'],
      ['RM82459402GB', 'invalid_format'],
      ['RR123456785CN', 'carrier_mismatch'], // China Post
      ['RA123456785US', 'carrier_mismatch'], // USPS
    ],
  },
  YUNEXPRESS: {
    verified: [],
    unverified: ['YT2229521272164446', 'YT2310021272000011', 'YT1987654321098765'],
    invalid: [
      ['YT222952127216444', 'invalid_format'], // YT + 15
      ['YT0000000000000000', 'invalid_format'], // one digit repeated
      ['YT1234567890123', 'carrier_mismatch'], // YTO's YT + 13
    ],
  },
  YTO: {
    verified: [],
    unverified: ['YT1234567890123', 'YT9876543210987'],
    invalid: [
      ['YT2229521272164446', 'carrier_mismatch'], // YunExpress's YT + 16
      ['YT12345678901', 'invalid_format'],
    ],
  },
  YANWEN: {
    verified: [
      'RB123456785CN', 'LK059460815CN', // S10 handovers to China Post
      'UG336196744YP', 'UA847362517YP', 'UH202511308YP', // its own S10 labels: mod-11 applies
    ],
    unverified: [],
    invalid: [
      ['UA123456789YP', 'invalid_check_digit'], // accepted as a bare shape before
      ['UZ000000001YP', 'invalid_format'], // S10 serials start at 00000001
      ['UG33619674YP', 'invalid_format'],
      ['RB123456784CN', 'invalid_check_digit'],
      ['3A5V599592327', 'carrier_mismatch'], // CNE
    ],
  },
  '4PX': {
    verified: [],
    unverified: ['4PX3001234567890CN', 'LP00123456789012', '304212345678'],
    invalid: [
      ['4PX30012345678CN', 'invalid_format'],
      ['LP0012345', 'invalid_format'],
    ],
  },
  CNE: {
    verified: [],
    unverified: ['3A5V599592327', '3A5V000000001'],
    invalid: [['3A5V59959232', 'invalid_format']],
  },
  SF_EXPRESS: {
    verified: [],
    unverified: ['SF6043310798724', 'SF12345678901234'],
    invalid: [
      ['SF123456789', 'invalid_format'],
      ['TBA123456789012', 'carrier_mismatch'], // Amazon
    ],
  },
  AMAZON_LOGISTICS: {
    verified: [],
    unverified: ['TBA123456789012', 'TBA300000000001'],
    invalid: [['TBA12345678901', 'invalid_format']],
  },
  DHL_ECOMMERCE: {
    verified: ['9261110665803517374591'], // US last mile on a USPS IMpb number
    unverified: ['GM1234567890123456', 'GM123456789012345678'],
    invalid: [
      ['GM123456789012', 'invalid_format'],
      ['GM12345', 'invalid_format'],
    ],
  },
  TIKTOK_SHIPPING: {
    verified: ['9400111206206406260787', '1Z999AA10123456784', '123456789012'],
    unverified: [],
    invalid: [
      ['YT2229521272164446', 'carrier_mismatch'],
      ['9400111206206406260788', 'invalid_check_digit'],
    ],
  },
};
