import type { Browser } from 'playwright-core';
import {
  type ConsoleBrowser,
  closeExpectingNoProblems,
  goTo,
  launchChromium,
  openConsole,
  ready,
  screenshot,
  signIn,
  VIEWPORTS,
} from '../support/browser';
import { startConsoleStack } from '../support/consoleStack';
import { type TestStack, untilProcessed } from '../support/stack';

/*
 * The console in real Chromium against the real API, Neo4j, Redis and workers: sign-in, the review
 * queue driven by the keyboard (a "same" merges the cluster, z splits it again), the entity view with
 * its graph, the dashboard. Invented names only.
 */

type Stack = TestStack & { stop(): Promise<void> };

/** The little of the page's DOM the functions run in the browser read (the tests compile without the DOM library). */
interface InPage {
  document: {
    querySelector(selector: string): { width: number };
    querySelectorAll(selector: string): { length: number };
  };
}

/**
 * Two pairs the matcher sends to review: a name in another order across two NGOs' reports, a name spelt another
 * way in two reports of one NGO (so that filtering by organisation tells the pairs apart).
 */
const PAIRS = [
  [
    { caseRef: 'MY-CON-R1', name: 'Lim Kok Seng', by: 'a' },
    { caseRef: 'MY-CON-R2', name: 'Kok Seng Lim', birthDate: '1975-05-05', by: 'b' },
  ],
  [
    { caseRef: 'MY-CON-R3', name: 'Lau Siew Mei', by: 'a' },
    { caseRef: 'MY-CON-R4', name: 'Lau Siew May', birthDate: '1969-02-11', by: 'a' },
  ],
] as const;

describe('the console: sign-in, review queue, entity view and dashboard', () => {
  let stack: Stack;
  let browser: Browser;
  let analyst: string;
  const opened: ConsoleBrowser[] = [];
  /** Per pair, the two reports: where their subject sits now tells whether the pair is one entity. */
  const reports: Array<[string, string]> = [];

  const open = async (viewport: 'desktop' | 'phone' = 'desktop') => {
    const c = await openConsole(browser, stack.url, viewport);
    opened.push(c);
    return c;
  };

  beforeAll(async () => {
    stack = await startConsoleStack('console-review');
    browser = await launchChromium();
    analyst = await stack.keyFor('analyst', 'hub');
    const ngoA = await stack.keyFor('caseworker', 'my-ngo-a');
    const ngoB = await stack.keyFor('caseworker', 'my-ngo-b');
    for (const [a, b] of PAIRS) {
      const ids: string[] = [];
      for (const r of [a, b]) {
        const key = r.by === 'a' ? ngoA : ngoB;
        const properties: Record<string, string[]> = { name: [r.name] };
        if ('birthDate' in r) properties.birthDate = [r.birthDate];
        const res = await stack.call('/api/v1/reports', {
          method: 'POST',
          key,
          json: { caseRef: r.caseRef, country: 'MY', subjects: [{ ref: 'p', schema: 'Person', properties }] },
        });
        const { id } = (await res.json()) as { id: string };
        await untilProcessed(stack, id, key);
        ids.push(id);
      }
      reports.push([ids[0]!, ids[1]!]);
    }
    const queue = (await (await stack.call('/api/v1/review', { key: analyst })).json()) as { total: number };
    expect(queue.total).toBe(2);
  });

  afterEach(() => closeExpectingNoProblems(opened));

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in with an API key, refuses a wrong one, and shows the navigation of the role', async () => {
    const { page } = await open();
    await page.getByLabel('API key').waitFor();
    await screenshot(page, 'signin-desktop');
    await page.getByLabel('API key').fill('lnt_not-a-real-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This key is not valid or has been revoked.').waitFor();
    expect(await page.getByLabel('API key').getAttribute('aria-invalid')).toBe('true');

    await signIn(page, analyst);
    await ready(page);
    expect(await page.evaluate('location.hash')).toBe('#/review');
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Dashboard', 'Review queue', 'Leads', 'Findings', 'Exports', 'Outcomes', 'Reports']);
    // The key stays for this tab only: a new context (a new browser session) must sign in again.
    expect(await page.evaluate('Object.keys(sessionStorage)')).toEqual(['lantern.session']);
    const other = await open();
    await other.page.getByLabel('API key').waitFor();
  });

  it('keeps the verdicts on screen at 1280x800, filters by organisation and hides scores on request', async () => {
    const { page } = await open();
    await signIn(page, analyst);
    const title = page.locator('#pair-title');
    await title.filter({ hasText: 'Possible match 1 of 2' }).waitFor();
    await page.locator('.feature').first().waitFor();
    const verdicts = page.locator('#review-bar [data-verdict]');
    expect(await verdicts.count()).toBe(3);
    for (const box of await Promise.all((await verdicts.all()).map((b) => b.boundingBox()))) {
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(VIEWPORTS.desktop.height);
      expect(box!.x + box!.width).toBeLessThanOrEqual(VIEWPORTS.desktop.width);
    }
    expect(await page.evaluate('window.scrollY')).toBe(0);

    await page.getByLabel('Organisation').selectOption('my-ngo-b');
    await title.filter({ hasText: 'Possible match 1 of 1' }).waitFor();
    expect(await page.locator('.side h3').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Lim')]),
    );
    await screenshot(page, 'review-filtered-desktop');
    await page.getByLabel('Organisation').selectOption('');
    await title.filter({ hasText: 'Possible match 1 of 2' }).waitFor();
    await page.getByLabel('Kind').selectOption('Person');
    await title.filter({ hasText: 'Possible match 1 of 2' }).waitFor();
    await page.getByLabel('Kind').selectOption('');

    expect(await page.locator('#pair-score').isVisible()).toBe(true);
    expect(await page.locator('.feature .bar').first().isVisible()).toBe(true);
    await page.getByLabel('Hide scores while judging').check();
    await page.locator('#pair-score').waitFor({ state: 'detached' });
    expect(await page.locator('.feature .bar').first().isVisible()).toBe(false);
    expect(await title.textContent()).not.toMatch(/score|\d\.\d\d/);
    await screenshot(page, 'review-blind-desktop');
    // Remembered for the session: the queue opened again still hides them.
    await goTo(page, '#/dashboard');
    await goTo(page, '#/review');
    await title.filter({ hasText: 'Possible match 1 of 2' }).waitFor();
    expect(await page.getByLabel('Hide scores while judging').isChecked()).toBe(true);
    expect(await page.locator('#pair-score').count()).toBe(0);
  });

  it(
    'reviews with the keyboard: j/k move, s merges the cluster, ' +
      'z splits it again, and the entity view shows the merged cluster',
    async () => {
      const phone = await open('phone');
      await signIn(phone.page, analyst);
      await phone.page.locator('#pair-title', { hasText: 'Possible match 1 of 2' }).waitFor();
      await screenshot(phone.page, 'review-phone');

      const { page } = await open();
      await signIn(page, analyst);
      const title = page.locator('#pair-title');
      await title.filter({ hasText: 'Possible match 1 of 2' }).waitFor();
      await page.locator('.feature').first().waitFor();
      await screenshot(page, 'review-desktop');
      await page.keyboard.press('j');
      await title.filter({ hasText: 'Possible match 2 of 2' }).waitFor();
      await page.keyboard.press('k');
      await title.filter({ hasText: 'Possible match 1 of 2' }).waitFor();

      // Which pair the queue put first decides which entities the verdicts are about.
      const shown = (await page.locator('.side h3').allTextContents()).join(' ');
      const first = PAIRS.findIndex((pair) => pair.some((r) => shown.includes(r.name)));
      expect(first).toBeGreaterThanOrEqual(0);
      const [firstA, firstB] = reports[first]!;
      const [secondA, secondB] = reports[1 - first]!;

      await page.keyboard.press('s');
      const last = page.locator('#last-decision');
      await last.filter({ hasText: 'Merged.' }).waitFor();
      for (const n of PAIRS[first]!) expect(await last.textContent()).toContain(n.name);
      await title.filter({ hasText: 'Possible match 2 of 2' }).waitFor();
      /** The entity a report's subject belongs to now. */
      const survivor = async (reportId: string) => {
        const body = (await (await stack.call(`/api/v1/reports/${reportId}`, { key: analyst })).json()) as {
          subjects: Array<{ entityId: string }>;
        };
        return body.subjects[0]!.entityId;
      };
      expect(await survivor(firstA)).toBe(await survivor(firstB));

      await page.keyboard.press('z');
      await last.filter({ hasText: 'Undone.' }).waitFor();
      expect(await survivor(firstA)).not.toBe(await survivor(firstB));

      await page.keyboard.press('s');
      await last.filter({ hasText: 'Merged.' }).waitFor();
      await screenshot(page, 'review-decided-desktop');
      expect(await survivor(secondA)).toBe(await survivor(secondB));

      await last.getByRole('link').click();
      await ready(page);
      const names = await page.locator('#entity-names li').allTextContents();
      expect(names.sort()).toEqual(PAIRS[1 - first]!.map((n) => n.name).sort());
      await page.locator('#entity-graph canvas').first().waitFor();
      expect(await page.locator('table tbody tr', { has: page.locator('input[data-mention]') }).count()).toBe(2);
      await screenshot(page, 'entity-desktop');

      // Split from the entity view: the second mention leaves, and the page shows what remains.
      await page.locator('input[data-mention]').nth(1).check();
      await page.getByLabel('Reason').fill('different birth dates after all');
      await page.getByRole('button', { name: 'Split the selected mentions into a new entity' }).click();
      await page.waitForFunction(
        () => (globalThis as unknown as InPage).document.querySelectorAll('#entity-names li').length === 1,
      );
      expect(await survivor(secondA)).not.toBe(await survivor(secondB));
      await ready(page);
      await page.locator('#entity-graph canvas').first().waitFor();
      await screenshot(page, 'entity-split-desktop');
    },
  );

  it('shows the dashboard with counts, queue depths and charts', async () => {
    const { page } = await open();
    await signIn(page, analyst);
    await goTo(page, '#/dashboard');
    await page.locator('#chart-reports').waitFor();
    const cards = await page.locator('.stat').allInnerTexts();
    expect(cards.join(' | ')).toContain('4\nReports');
    expect(await page.getByRole('heading', { name: 'Queues' }).isVisible()).toBe(true);
    expect(await page.locator('#queues-title + .table-wrap tbody tr').count()).toBeGreaterThanOrEqual(4);
    // Chart.js drew into the canvas (a blank canvas has no width set by the library).
    await page.waitForFunction(
      () => (globalThis as unknown as InPage).document.querySelector('#chart-leads').width > 0,
    );
    await screenshot(page, 'dashboard-desktop');
    await goTo(page, '#/reports');
    expect(await page.locator('tbody tr').count()).toBe(4);
    await screenshot(page, 'reports-analyst-desktop');
    const phone = await open('phone');
    await signIn(phone.page, analyst);
    await goTo(phone.page, '#/dashboard');
    await phone.page.locator('#chart-reports').waitFor();
    await screenshot(phone.page, 'dashboard-phone');
  });
});
