export {
  type AddressChange,
  type AddressChangeKind,
  type AddressField,
  type CleanedAddress,
  cleanAddress,
} from './clean.ts';
export {
  type AddressReview,
  checkAddressCompliance,
  reviewAddress,
} from './compliance.ts';
export { ADDRESS_HOLD_CODES, type AddressHoldCode } from './hold-text.ts';
export { MAX_ADDRESS_LINES, MAX_LINE_LENGTH } from './split.ts';
