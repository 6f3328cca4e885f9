/** The portal's session cookie (HttpOnly), set by the OAuth callback, read on every tRPC call. */
export const SESSION_COOKIE = 'sy_session';
