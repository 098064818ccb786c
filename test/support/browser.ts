import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from './cli';

/*
 * Real Chromium for the console's tests: Debian's package (installed by scripts/ensure-system-deps.sh
 * --for-tests), never a browser downloaded by Playwright.
 */

export const CHROMIUM = process.env.LANTERN_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts', 'screenshots');

/** The two sizes the console must work at: a laptop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: run 'bash scripts/ensure-system-deps.sh --for-tests' (or set LANTERN_TEST_CHROMIUM)`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // No sandbox: CI containers run as root, where Chromium's sandbox cannot start. No network chatter.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** Errors the page threw or logged: a test ends by expecting none. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh browser context (its own sessionStorage) on the console, at a named viewport. */
export async function openConsole(
  browser: Browser,
  url: string,
  viewport: ViewportName = 'desktop',
): Promise<ConsoleBrowser> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    // A 4xx the console asked for and handled (a bad key, a form's 400) is logged by Chromium as a resource error.
    if (
      msg.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())
    )
      problems.push(`console: ${msg.text()}`);
  });
  await page.goto(url);
  return { context, page, problems, close: () => context.close() };
}

/** Resolves once the page shown has finished loading its data. */
export const ready = (page: Page): Promise<void> => page.locator('main .view[data-ready]').waitFor();

/** Navigates to a console route and waits for that route's own page, not the one it replaces. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  await page.locator(`main .view[data-ready][data-route="${hash}"]`).waitFor();
}

/** Closes the sessions a test opened, after expecting that none of their pages threw or logged an error. */
export async function closeExpectingNoProblems(opened: ConsoleBrowser[]): Promise<void> {
  for (const c of opened.splice(0)) {
    expect(c.problems).toEqual([]);
    await c.close();
  }
}

export async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor();
}

/** A full-page screenshot under a stable name, e.g. review-desktop.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
