export {
  decrypt,
  encrypt,
  generateKeySpec,
  type Keyring,
  keyIdOf,
  parseKeyring,
} from './encryption.ts';
export { bearerToken, generateSecret, hashSecret, type SecretKind } from './secrets.ts';
