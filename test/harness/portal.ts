import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildPortal } from '@switchyard/portal/build';
import axe from 'axe-core';
import { type Browser, type ConsoleMessage, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, the browser the portal's tests drive (see .ci/run, which installs it). */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumPath = CHROMIUM_PATHS.find((p) => existsSync(p));

/**
 * Under CI a missing browser is a failure, never a skip: a green run must have driven the
 * portal. Elsewhere the browser suites are skipped with the reason, until `apt-get install -y
 * chromium` (as root) provides it. CI is the one setting read here: the CI runner sets it.
 */
export const browserRequired = process.env.CI === 'true';

export function assertBrowser(): string {
  if (!chromiumPath)
    throw new Error(
      `Chromium not found (looked at ${CHROMIUM_PATHS.join(', ')}): install it with ` +
        '`apt-get install -y chromium fonts-noto-cjk` (as root); .ci/run does so on CI.',
    );
  return chromiumPath;
}

/** Where the browser tests keep screenshots, as artifacts of the run. */
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-results/portal');

/** A build of the portal of this test file's own, so parallel files never share a folder. */
export async function buildPortalForTest(): Promise<{ dir: string; close(): Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'switchyard-portal-'));
  const dir = await buildPortal(join(parent, 'dist'));
  return { dir, close: () => rm(parent, { recursive: true, force: true }) };
}

/** Headless Chromium; no sandbox, which refuses to run as root. */
export async function launchBrowser(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: assertBrowser(),
    headless: true,
    args: ['--no-sandbox'],
  });
}

/** Console messages that report a Content Security Policy or Trusted Types violation. */
export function cspViolations(messages: ConsoleMessage[]): string[] {
  return messages
    .map((m) => m.text())
    .filter((t) => /Content Security Policy|Trusted Type|Refused to (load|execute|apply)/i.test(t));
}

/**
 * The few browser globals that functions run in the page use: the test project compiles for
 * Node, without the DOM's types. Cast `globalThis` to this inside `page.evaluate`.
 */
export interface InPage {
  document: {
    querySelector(selector: string): unknown;
    querySelectorAll(selector: string): Iterable<InPageElement>;
    documentElement: { scrollWidth: number; clientWidth: number };
    createElement(tag: 'img'): { src: string };
    body: { append(node: unknown): void };
  };
}

export interface InPageElement {
  tagName: string;
  className: string;
  getBoundingClientRect(): { right: number };
  closest(selector: string): unknown;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * Runs axe-core in the page (evaluated over the DevTools protocol, so the page's CSP, which
 * forbids inline scripts, stays as it is) and returns the serious and critical violations.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    const w = globalThis as unknown as {
      document: unknown;
      axe: {
        run(
          ctx: unknown,
          opts: object,
        ): Promise<{
          violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }>;
        }>;
      };
    };
    const r = await w.axe.run(w.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
    }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
