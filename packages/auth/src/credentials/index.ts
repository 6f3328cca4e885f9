/**
 * Credentials that prove who calls the platform, each stored only as a hash: tenant API tokens,
 * operator tokens, portal sessions, OAuth states and partner keys. These operations read and
 * write the database under the right scope; the pure helpers (hashing, generating, encrypting)
 * are the package's main entry.
 */
export {
  ACTOR_SESSION_TTL_S,
  authenticateActorSession,
  endActorSession,
  exchangeOperatorToken,
  exchangePartnerKey,
  issueSignInLink,
  redeemSignInLink,
  SIGN_IN_LINK_TTL_MS,
  startActorSession,
} from './actor-sessions.ts';
export { authenticateApiToken, issueApiToken, revokeTenantApiToken } from './api-tokens.ts';
export { authenticateCaller, type Caller } from './caller.ts';
export { issueOauthState, OAUTH_STATE_TTL_MS, redeemOauthState } from './oauth-states.ts';
export { authenticateOperatorToken, issueOperatorToken } from './operator-tokens.ts';
export {
  authenticatePartnerKey,
  type IssuePartnerKeyResult,
  issuePartnerKey,
  MAX_LIVE_PARTNER_KEYS,
  PARTNER_KEY_OVERLAP_MS,
  revokeSupplierPartnerKey,
} from './partner-keys.ts';
export { authenticateSession, endSession, SESSION_TTL_S, startSession } from './sessions.ts';
