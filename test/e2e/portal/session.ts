import type { Page } from 'playwright-core';

/** What the page's own `fetch` gets from a tRPC mutation, with or without a CSRF header. */
export function mutateFromPage(
  page: Page,
  path: string,
  input: unknown,
  csrf?: string,
): Promise<{ status: number; appCode: string | null }> {
  return page.evaluate(
    async ({ path, input, csrf }) => {
      const res = await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(csrf && { 'x-csrf-token': csrf }) },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { error?: { data?: { appCode?: string } } };
      return { status: res.status, appCode: body.error?.data?.appCode ?? null };
    },
    { path, input, csrf },
  );
}

/** The session as the page's own `fetch` sees it (with the browser's HttpOnly cookie). */
export function sessionFromPage(
  page: Page,
): Promise<{ signedIn: boolean; actor: string | null; csrfToken: string | null }> {
  return page.evaluate(async () => {
    const res = await fetch('/trpc/session.current');
    const body = (await res.json()) as {
      result: { data: { signedIn: boolean; actor: string | null; csrfToken: string | null } };
    };
    return body.result.data;
  });
}
