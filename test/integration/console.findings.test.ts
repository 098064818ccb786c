import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { FINDING_MEASURES, type Findings } from '../../src/domain/findings';
import {
  type ConsoleBrowser,
  closeExpectingNoProblems,
  goTo,
  launchChromium,
  openConsole,
  screenshot,
  signIn,
  signOut,
} from '../support/browser';
import { waitFor } from '../support/cli';
import { startConsoleStack } from '../support/consoleStack';
import { TWELVE_THAI_NAMES } from '../support/names';
import { SPA_TYPOLOGIES, spaReports } from '../support/spaReports';
import { type TestStack, untilProcessed } from '../support/stack';

/*
 * Typologies and findings in real Chromium: the lead list and the lead page name the typologies a
 * lead shows, and the findings page draws the counts, gives them in tables, switches to the public form
 * and downloads it as CSV. Invented names only.
 */

type Stack = TestStack & { stop(): Promise<void> };

/** The little of the page's DOM the functions run in the browser read (the tests compile without the DOM library). */
interface InPage {
  document: { querySelector(selector: string): { width: number } };
}

const CHARTS = ['chart-months', 'chart-countries', 'chart-typologies', 'chart-roles', 'chart-outcomes'];

/** A chart's numbers as its table shows them, row by row: the label, then each count. */
async function tableOf(page: Page, chartId: string): Promise<string[][]> {
  const section = page.locator('section', { has: page.locator(`#${chartId}`) });
  await section.getByText('Show as a table').click();
  const rows = section.locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i += 1) out.push(await rows.nth(i).locator('th, td').allTextContents());
  await section.getByText('Show as a table').click();
  return out;
}

/** The counts of the API's rows, as the console writes them. */
const countsOf = (rows: Findings['byMonth']) =>
  rows.map((r) => FINDING_MEASURES.map((m) => (r[m] === null ? 'suppressed' : String(r[m]))));
const cellsOf = (table: string[][]) => table.map(([, ...cells]) => cells);

const NAMES = TWELVE_THAI_NAMES.slice(0, 11);

describe('the console for typologies and findings', () => {
  let stack: Stack;
  let browser: Browser;
  let analyst: string;
  let leadId: string;
  const opened: ConsoleBrowser[] = [];

  const open = async (viewport: 'desktop' | 'phone' = 'desktop') => {
    const c = await openConsole(browser, stack.url, viewport);
    opened.push(c);
    return c;
  };
  const api = async (path: string) => (await stack.call(`/api/v1${path}`, { key: analyst })).text();

  beforeAll(async () => {
    stack = await startConsoleStack('console-findings');
    browser = await launchChromium();
    analyst = await stack.keyFor('analyst', 'hub');
    const th = await stack.keyFor('caseworker', 'th-ngo-a');
    const kh = await stack.keyFor('caseworker', 'kh-ngo-b');
    const spa = spaReports('CASE-CONSOLE-SPA');
    const reports = [
      ...NAMES.map((name, i) => ({
        key: th,
        body: {
          caseRef: `CASE-CONSOLE-F${i}`,
          country: 'TH',
          reportedAt: `2024-05-${String(i + 1).padStart(2, '0')}`,
          subjects: [{ ref: 'p1', schema: 'Person', role: 'Exploiter', properties: { name: [name] } }],
        },
      })),
      { key: th, body: spa.th },
      { key: kh, body: spa.kh },
    ];
    for (const { key, body } of reports) {
      const res = await stack.call('/api/v1/reports', { method: 'POST', key, json: body });
      await untilProcessed(stack, ((await res.json()) as { id: string }).id, key);
    }
    leadId = await waitFor(
      async () => (JSON.parse(await api('/leads')) as { items: Array<{ id: string }> }).items[0]?.id,
      60_000,
      'the lead of the spa',
    );
  });

  afterAll(async () => {
    await closeExpectingNoProblems(opened);
    await browser?.close();
    await stack?.stop();
  });

  it('names the typologies a lead shows on the lead list and, with what shows them, on the lead page', async () => {
    const { page } = await open();
    await signIn(page, analyst);
    await goTo(page, '#/leads');
    const row = page.locator('tbody tr', { hasText: leadId });
    expect(await row.textContent()).toContain('Front companies · Exploitative employment practices · Funnel accounts');
    await goTo(page, `#/leads/${leadId}`);
    const panel = page.locator('#lead-typologies');
    expect(await panel.locator('li').allTextContents()).toEqual(SPA_TYPOLOGIES.map((t) => `${t.name}: ${t.indicator}`));
    await screenshot(page, 'lead-typologies-desktop');
  });

  it('draws the findings with their numbers in tables, and switches to the public form and its CSV', async () => {
    const { page } = await open();
    await signIn(page, analyst);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
    await page.locator('main .view[data-ready][data-route="#/findings"]').waitFor();
    const counts = JSON.parse(await api('/findings')) as Findings;
    expect(counts.totals).toEqual({ reports: 13, entities: 14, leads: 1, outcomes: 0 });
    expect(await page.locator('.stat').allInnerTexts()).toEqual([
      '13\nReports',
      '14\nEntities',
      '1\nLeads',
      '0\nOutcomes',
    ]);
    // Chart.js drew into each canvas (a blank canvas has no width set by the library).
    for (const id of CHARTS)
      await page.waitForFunction(
        (selector) => (globalThis as unknown as InPage).document.querySelector(selector).width > 0,
        `#${id}`,
      );
    const months = await tableOf(page, 'chart-months');
    expect(months.map(([label]) => label)).toEqual(counts.byMonth.map((r) => r.key));
    expect(cellsOf(months)).toEqual(countsOf(counts.byMonth));
    expect(months).toContainEqual(['2024-05', '11', '11', '0', '0']);
    const typologies = await tableOf(page, 'chart-typologies');
    expect(typologies.map(([label]) => label)).toEqual([
      'Front company',
      'Exploitative employment',
      'Funnel account',
      'Alternative payment',
    ]);
    expect(cellsOf(typologies)).toEqual(countsOf(counts.byTypology));
    await screenshot(page, 'findings-desktop');

    await page.getByLabel('Form').selectOption({ label: 'Public form (what the hub may publish)' });
    await page.locator('main .view[data-ready][data-route="#/findings?public=true"]').waitFor();
    const shown = JSON.parse(await api('/findings?public=true')) as Findings;
    expect(await page.locator('#findings-rule').textContent()).toContain('counts from 1 to 10 are withheld (k = 11)');
    expect(await page.locator('.stat').allInnerTexts()).toEqual([
      '13\nReports',
      '14\nEntities',
      'suppressed\nLeads',
      '0\nOutcomes',
    ]);
    const publicMonths = await tableOf(page, 'chart-months');
    expect(cellsOf(publicMonths)).toEqual(countsOf(shown.byMonth));
    expect(publicMonths.flat()).toContain('suppressed');
    for (const table of [publicMonths, await tableOf(page, 'chart-countries'), await tableOf(page, 'chart-roles')])
      for (const [, ...cells] of table) for (const cell of cells) expect(cell).not.toMatch(/^([1-9]|10)$/);
    await screenshot(page, 'findings-public-desktop');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('lantern-findings-public.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(await api('/findings.csv?public=true'));
    await signOut(page);

    // Operators see the findings too, and the page works on a phone.
    const phone = await open('phone');
    await signIn(phone.page, await stack.keyFor('admin', 'hub'));
    await goTo(phone.page, '#/findings?public=true');
    await phone.page.locator('#chart-months').waitFor();
    await screenshot(phone.page, 'findings-public-phone');
  });
});
