import { randomUUID } from 'node:crypto';
import {
  authenticateOperatorToken,
  issueOperatorToken,
  issueSignInLink,
} from '@switchyard/auth/credentials';
import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';
import { en, zh } from '@switchyard/portal/messages';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import {
  ARTIFACTS,
  browserRequired,
  buildPortalForTest,
  chromiumPath,
  cspViolations,
  type InPage,
  launchBrowser,
  seriousAxeViolations,
} from '../../harness/portal.ts';
import { openDispatch } from '../bad-input/helpers.ts';
import { sessionFromPage } from './session.ts';

// Issue 12, items 3, 4, 6 and 7 in a real browser (Debian's Chromium) against the whole
// platform: a supplier signs in with a one-time link, acknowledges its dispatch, is told why a
// bad tracking number is refused, enters a good one and sees the order move; an operator reads
// the SLA board and adjusts a bill. Both languages, a phone's width, axe and the CSP.

const fill = (text: string, vars: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

describe.skipIf(!chromiumPath && !browserRequired)(
  'supplier and operator portals in a browser',
  { timeout: 240_000 },
  () => {
    let p: Platform;
    let portal: Awaited<ReturnType<typeof buildPortalForTest>>;
    let browser: Browser;
    let supplier: BrowserContext;
    let operator: BrowserContext;
    const consoleMessages: ConsoleMessage[] = [];
    let opened: Awaited<ReturnType<typeof openDispatch>>;

    const url = (path: string) => `${p.apiUrl}${path}`;
    const settled = async (page: Page) => {
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForFunction(
        () => !(globalThis as unknown as InPage).document.querySelector('[aria-busy="true"]'),
      );
    };
    const newContext = async () => {
      const c = await browser.newContext({
        locale: 'en-US',
        viewport: { width: 1280, height: 900 },
      });
      c.setDefaultTimeout(120_000);
      c.on('console', (m) => consoleMessages.push(m));
      return c;
    };

    beforeAll(async () => {
      portal = await buildPortalForTest();
      // The supplier simulator stays silent: the person in the browser is the supplier.
      p = await startPlatform({ supplierBehaviour: { mode: 'silent' }, portalDir: portal.dir });
      opened = await openDispatch(p);
      browser = await launchBrowser();
      supplier = await newContext();
      operator = await newContext();
    });

    afterAll(async () => {
      await browser?.close();
      await p?.close();
      await portal?.close();
    });

    it('a supplier signs in by a one-time link, acknowledges, is refused a bad tracking number, then ships', async () => {
      const page = await supplier.newPage();
      const token = await issueSignInLink(p.db, { kind: 'supplier', supplierId: p.supplierId });
      await page.goto(url(`/sign-in#${token}`));
      await page.getByRole('heading', { name: en['supplier.title'] }).waitFor();
      expect(await sessionFromPage(page)).toMatchObject({ signedIn: true, actor: 'supplier' });
      // The token left the address bar, and the link does not work twice.
      expect(page.url()).not.toContain(token);
      const again = await fetch(url('/auth/link'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ secret: token }),
      });
      expect(again.status).toBe(401);

      const card = page.getByRole('listitem').filter({
        has: page.getByRole('heading', {
          name: fill(en['supplier.order'], { number: opened.simOrderId }),
        }),
      });
      await card.getByText(en['dispatchStatus.sent']).waitFor();
      await page.screenshot({ path: `${ARTIFACTS}/supplier-dispatches.png`, fullPage: true });
      await card.getByRole('button', { name: en['supplier.acknowledge'] }).click();
      await card.getByText(en['dispatchStatus.acknowledged'], { exact: true }).waitFor();
      const dispatch = () =>
        p.admin
          .selectFrom('dispatches')
          .select(['status', 'expected_ship_at'])
          .where('id', '=', opened.dispatchId)
          .executeTakeFirstOrThrow();
      expect(await dispatch()).toMatchObject({
        status: 'acknowledged',
        expected_ship_at: expect.any(Date),
      });

      // R-TRK-1: a number in no carrier's format is refused, with the reason, and nothing ships.
      await card.getByLabel(en['supplier.trackingNumber']).fill('12345');
      await card.getByLabel(en['supplier.carrier']).fill('USPS');
      await card.getByRole('button', { name: en['supplier.ship'] }).click();
      const refusal = card.getByRole('alert');
      await refusal.getByText(en['error.TRACKING_INVALID']).waitFor();
      expect(await refusal.textContent()).toContain('TRACKING_INVALID');
      await page.screenshot({ path: `${ARTIFACTS}/supplier-tracking-refused.png`, fullPage: true });
      expect((await dispatch()).status).toBe('acknowledged');

      // A real number the carrier knows (R-TRK-2): the dispatch ships and the order completes.
      const good = generateTrackingNumber('USPS', seededRng(12));
      await p.createLabel('USPS', good);
      await card.getByLabel(en['supplier.trackingNumber']).fill(good);
      await card.getByRole('button', { name: en['supplier.ship'] }).click();
      await page.getByRole('status').filter({ hasText: en['supplier.shipped'] }).waitFor();
      await card.getByText(en['dispatchStatus.shipped'], { exact: true }).waitFor();
      expect(await opened.handle.result()).toEqual({ status: 'completed' });
      await page.screenshot({ path: `${ARTIFACTS}/supplier-shipped.png`, fullPage: true });
      // A supplier's session reaches no seller page: the seller's procedures refuse it.
      const orders = await page.evaluate(async () => (await fetch('/trpc/orders.list')).status);
      expect(orders).toBe(401);
      await page.close();
    });

    it('an operator reads the SLA board and records a bill adjustment', async () => {
      const t = p.tenants[0]!;
      p.tts.createOrder(t.simShopId); // an order at risk: due within 48 hours, not shipped
      const page = await operator.newPage();
      const opToken = await issueOperatorToken(p.db, 'browser test');
      const operatorTokenId = (await authenticateOperatorToken(p.db, opToken))!;
      const link = await issueSignInLink(p.db, { kind: 'operator', operatorTokenId });
      await page.goto(url(`/sign-in#${link}`));
      await page.getByRole('heading', { name: en['ops.sla.title'] }).waitFor();
      const board = page.getByRole('table', { name: en['ops.sla.caption'] });
      await board.getByRole('row').nth(1).waitFor();
      expect(await board.textContent()).toContain('Seller 1');
      await page.screenshot({ path: `${ARTIFACTS}/ops-sla-board.png`, fullPage: true });

      await page.getByRole('link', { name: en['nav.ops.billing'] }).click();
      const form = page.getByRole('group', { name: en['ops.billing.adjust'] });
      await form.getByLabel(en['ops.billing.tenant']).selectOption(t.tenantId);
      await form.getByLabel(en['ops.billing.amount']).fill('-2.50');
      await form.getByLabel(en['ops.billing.reason']).fill('late shipment goodwill credit');
      await form.getByRole('button', { name: en['ops.billing.adjustAction'] }).click();
      await form.getByRole('status').waitFor();
      const lines = await p.admin
        .selectFrom('ledger_entries')
        .select(['amount_minor', 'reason', 'operator_id'])
        .where('tenant_id', '=', t.tenantId)
        .where('kind', '=', 'adjustment')
        .execute();
      expect(lines.map((l) => ({ ...l, amount_minor: String(l.amount_minor) }))).toEqual([
        {
          amount_minor: '-250',
          reason: 'late shipment goodwill credit',
          operator_id: operatorTokenId,
        },
      ]);
      await page.screenshot({ path: `${ARTIFACTS}/ops-billing.png`, fullPage: true });
      await page.close();
    });

    it('pages through the tenants: more than a page, each tenant once, and back', async () => {
      // Fifty more tenants, each a millisecond newer than the last: the list is oldest first.
      const base = Date.now();
      await p.admin
        .insertInto('tenants')
        .values(
          Array.from({ length: 50 }, (_, i) => ({
            id: randomUUID(),
            name: `Paging tenant ${String(i + 1).padStart(2, '0')}`,
            created_at: new Date(base + i),
          })),
        )
        .execute();
      const page = await operator.newPage();
      await page.goto(url('/ops/tenants'));
      await settled(page);
      const table = page.getByRole('table', { name: en['ops.tenants.caption'] });
      const names = async () =>
        (await table.getByRole('rowheader').allTextContents()).filter(Boolean);
      const first = await names();
      expect(first).toHaveLength(50);
      expect(first).toContain('Seller 1');
      expect(first).not.toContain('Paging tenant 50');
      await page.getByRole('button', { name: en['paging.next'] }).click();
      await table.getByRole('rowheader', { name: 'Paging tenant 50' }).waitFor();
      const second = await names();
      expect(second.filter((n) => first.includes(n))).toEqual([]);
      const total = await p.admin
        .selectFrom('tenants')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(first.length + second.length).toBe(Number(total.n));
      await page.screenshot({ path: `${ARTIFACTS}/ops-tenants-page-2.png`, fullPage: true });
      await page.getByRole('button', { name: en['paging.previous'] }).click();
      await table.getByRole('rowheader', { name: 'Seller 1' }).waitFor();
      await page.close();
    });

    it('every supplier and operator page passes axe in both languages and fits a phone', async () => {
      const pages: Array<[BrowserContext, string]> = [
        [supplier, '/supplier'],
        [supplier, '/supplier/files'],
        [operator, '/ops'],
        [operator, '/ops/tenants'],
        [operator, '/ops/suppliers'],
        [operator, '/ops/alerts'],
        [operator, '/ops/billing'],
      ];
      for (const locale of ['en', 'zh-CN'] as const) {
        for (const [context, path] of pages) {
          const page = await context.newPage();
          await page.goto(url(path));
          await settled(page);
          await page.locator('.language select').selectOption(locale);
          if (locale === 'zh-CN')
            await page
              .getByRole('link', { name: zh['nav.supplier.dispatches'] })
              .or(page.getByRole('link', { name: zh['nav.ops.sla'] }))
              .first()
              .waitFor();
          expect(await seriousAxeViolations(page), `${locale} ${path}`).toEqual([]);
          if (locale === 'zh-CN') {
            await page.setViewportSize({ width: 375, height: 740 });
            await settled(page);
            const name = path.slice(1).replaceAll('/', '-');
            await page.screenshot({ path: `${ARTIFACTS}/phone-zh-${name}.png`, fullPage: true });
            const wider = await page.evaluate(() => {
              const { document } = globalThis as unknown as InPage;
              const width = document.documentElement.clientWidth;
              return [...document.querySelectorAll('body *')]
                .filter((e) => e.getBoundingClientRect().right > width + 0.5)
                .filter((e) => !e.closest('.table-wrap, .nav'))
                .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
            });
            expect(wider, path).toEqual([]);
            await page.locator('.language select').selectOption('en');
          }
          await page.close();
        }
      }
      expect(cspViolations(consoleMessages)).toEqual([]);
    });

    it('signs a supplier in with its partner key on the sign-in page, and out again', async () => {
      const context = await newContext();
      const page = await context.newPage();
      await page.goto(url('/'));
      await page.getByRole('link', { name: en['partnerSignIn.link'] }).click();
      await page.getByRole('heading', { name: en['partnerSignIn.title'] }).waitFor();
      await page.getByLabel(en['partnerSignIn.partnerKey']).fill('sy_pk_forged');
      await page.getByRole('button', { name: en['partnerSignIn.asSupplier'] }).click();
      await page.getByText(en['error.SIGN_IN_INVALID']).waitFor();
      await page.getByLabel(en['partnerSignIn.partnerKey']).fill(p.partnerKey);
      await page.getByRole('button', { name: en['partnerSignIn.asSupplier'] }).click();
      await page.getByRole('heading', { name: en['supplier.title'] }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: en['session.signOut'] }).click();
      await page.getByRole('heading', { name: en['signIn.title'] }).waitFor();
      expect(await sessionFromPage(page)).toMatchObject({ signedIn: false });
      await context.close();
    });
  },
);
