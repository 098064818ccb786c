import type { Browser } from 'playwright-core';
import {
  type ConsoleBrowser,
  closeExpectingNoProblems,
  launchChromium,
  openConsole,
  ready,
  screenshot,
  signIn,
} from '../support/browser';
import { startConsoleStack } from '../support/consoleStack';
import { type TestStack, untilProcessed } from '../support/stack';

/*
 * The search box in real Chromium against the real API, Neo4j, Redis and workers: an analyst types a
 * phone as someone would say it, or a misspelt name, and reaches the entity by its name. Invented names only.
 */

describe('the console: the search box on every analyst page', () => {
  let stack: TestStack & { stop(): Promise<void> };
  let browser: Browser;
  let analyst: string;
  const opened: ConsoleBrowser[] = [];

  beforeAll(async () => {
    stack = await startConsoleStack('console-search');
    browser = await launchChromium();
    analyst = await stack.keyFor('analyst', 'hub');
    const caseworker = await stack.keyFor('caseworker', 'vn-light');
    const res = await stack.call('/api/v1/reports', {
      method: 'POST',
      key: caseworker,
      json: {
        caseRef: 'VN-CON-S1',
        country: 'VN',
        subjects: [{ ref: 'p', schema: 'Person', properties: { name: ['Tran Thi Hoa'], phone: ['0912 345 678'] } }],
      },
    });
    const { id } = (await res.json()) as { id: string };
    await untilProcessed(stack, id, caseworker);
  });

  afterEach(() => closeExpectingNoProblems(opened));

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('finds a phone written internationally from the top bar and opens the entity by its name', async () => {
    const c = await openConsole(browser, stack.url);
    opened.push(c);
    const { page } = c;
    await signIn(page, analyst);
    await ready(page);
    const box = page.getByRole('searchbox', { name: 'Search names and identifiers' });
    await box.fill('+84 912 345 678');
    await box.press('Enter');
    const link = page.locator('main .view[data-ready] table a', { hasText: 'Tran Thi Hoa' });
    await link.waitFor();
    expect(await page.locator('main table tbody tr').first().textContent()).toContain('+84912345678');
    await screenshot(page, 'search-desktop');
    await link.click();
    await page.locator('main .view[data-ready][data-route^="#/entities/"]').waitFor();
    expect(await page.locator('main').textContent()).toContain('Tran Thi Hoa');
  });

  it('finds a misspelt name from the results page and says when nothing matches', async () => {
    const c = await openConsole(browser, stack.url);
    opened.push(c);
    const { page } = c;
    await signIn(page, analyst);
    await ready(page);
    await page.getByRole('searchbox', { name: 'Search names and identifiers' }).fill('Nguyen Minh Tuan');
    await page.getByRole('searchbox', { name: 'Search names and identifiers' }).press('Enter');
    await page.locator('#search-empty').waitFor();
    const again = page.getByLabel('Name, phone, account, IBAN, e-mail, handle or registration number');
    await again.fill('Tran Thi Hao');
    await again.press('Enter');
    await page.locator('main .view[data-ready] table a', { hasText: 'Tran Thi Hoa' }).waitFor();
  });
});
