import { Browser, hiddenInput } from '@switchyard/infra/browser';
import { expect } from 'vitest';

/**
 * A seller's whole consent over HTTP: start → the marketplace's consent page → allow →
 * callback. Returns the browser (with its cookies) and the callback's response.
 */
export async function authorizeShop(apiUrl: string, shopId: string, browser = new Browser()) {
  const start = await browser.request(`${apiUrl}/oauth/tiktok/start`);
  expect(start.status).toBe(302);
  const consentUrl = start.headers.get('location')!;
  expect(consentUrl).toContain('/oauth/authorize?service_id=');
  const page = await (await browser.request(consentUrl)).text();
  expect(page).toContain('Authorize this app');
  const state = hiddenInput(page, 'state')!;
  const allowed = await browser.submit(new URL('/oauth/authorize', consentUrl).toString(), [
    ['state', state],
    ['shop_id', shopId],
    ['decision', 'allow'],
  ]);
  expect(allowed.status).toBe(302);
  const callbackUrl = allowed.headers.get('location')!;
  expect(callbackUrl.startsWith(`${apiUrl}/oauth/tiktok/callback?`)).toBe(true);
  return { browser, callbackUrl, res: await browser.request(callbackUrl) };
}
