import { csrfHeaders } from './client.ts';

/** A refusal of one of the api's file routes: its stable code, message and details. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly appCode: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/**
 * Sends a file as the request's body to one of the api's file routes, with the session cookie
 * and its CSRF token. Files go by plain HTTP, not tRPC: tRPC's JSON bodies are capped far below
 * the size of a seller's export, and a file route reads the body as it streams.
 */
export async function postFile<T>(path: string, file: Blob): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'text/csv', ...csrfHeaders() },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  if (!res.ok) {
    const error = body?.error;
    throw new UploadError(
      res.status,
      error?.code ?? 'INTERNAL',
      error?.message ?? res.statusText,
      error?.details ?? null,
    );
  }
  return body as T;
}
