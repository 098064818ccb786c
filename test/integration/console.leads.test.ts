import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { readZip } from '../../graph/exports/zip';
import {
  type ConsoleBrowser,
  goTo,
  launchChromium,
  openConsole,
  ready,
  screenshot,
  signIn,
  signOut,
} from '../support/browser';
import { waitFor } from '../support/cli';
import { startConsoleStack } from '../support/consoleStack';
import { createTestKey, testOrgName } from '../support/keys';
import { managerReports, markersFor } from '../support/managerReports';
import { type TestStack, untilProcessed } from '../support/stack';

/*
 * Leads in real Chromium: two analysts approve a lead (by name on its page), one exports it to a partner
 * bank, the bank downloads the bundle, and nothing from the victims' side is in it; a later report changes
 * the lead, which analysts see marked and the bank sees in its notices. Invented names and numbers only.
 */

type Stack = TestStack & { stop(): Promise<void> };

const MARKERS = markersFor('CONSOLE');
const { reportA: REPORT_A, reportB: REPORT_B } = managerReports(MARKERS);

describe('the console for leads: two-person approval, export, and the partner’s download', () => {
  let stack: Stack;
  let browser: Browser;
  let session: ConsoleBrowser;
  let leadId: string;
  /** The hub's analysts who approve: Nok with two keys (laptop and phone), and Ratana. */
  let nok: string;
  let nokPhone: string;
  let ratana: string;

  beforeAll(async () => {
    stack = await startConsoleStack('console-leads');
    browser = await launchChromium();
    const analyst = await stack.keyFor('analyst', 'hub');
    await stack.keyFor('partner', 'bank-a'); // registers the bank the lead is exported to
    const held = async (name: string, person: { name: string; email: string }) =>
      (await createTestKey(stack.graph, { role: 'analyst', org: 'hub', name, person, createdBy: 'test' })).key;
    const NOK = { name: 'Nok Chaiyaporn', email: 'nok.c@hub.example' };
    nok = await held('Nok laptop', NOK);
    nokPhone = await held('Nok phone', NOK);
    ratana = await held('Ratana laptop', { name: 'Ratana Sukjai', email: 'ratana.s@hub.example' });
    for (const [org, report] of [
      ['th-ngo-a', REPORT_A],
      ['kh-ngo-b', REPORT_B],
    ] as const) {
      const key = await stack.keyFor('caseworker', org);
      const { id } = (await (await stack.call('/api/v1/reports', { method: 'POST', key, json: report })).json()) as {
        id: string;
      };
      await untilProcessed(stack, id, key);
    }
    leadId = await waitFor(
      async () =>
        ((await (await stack.call('/api/v1/leads', { key: analyst })).json()) as { items: Array<{ id: string }> })
          .items[0]?.id,
      60_000,
      'the lead the workers make of the two reports',
    );
    session = await openConsole(browser, stack.url);
  });

  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('is approved by two analysts, named on the lead page, and exported to one partner', async () => {
    const { page } = session;
    await signIn(page, nok);
    await goTo(page, '#/leads');
    const row = page.locator('tbody tr', { hasText: leadId });
    await row.waitFor();
    expect(await row.textContent()).toContain('New');
    await screenshot(page, 'leads-desktop');

    await page.getByLabel('Status').selectOption('approved');
    await page.getByText('No lead with this status.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await row.getByRole('link').click();
    await ready(page);
    expect(await page.locator('main').textContent()).not.toMatch(/CASEREF-CONSOLE|NOTE-CONSOLE/);
    expect(await page.locator('#export-button').isDisabled()).toBe(true);
    await screenshot(page, 'lead-desktop');
    // Titled by whom it is about, the reports behind it by who sent them and when, in the console's one date format.
    expect(await page.locator('h1').textContent()).toMatch(/^Pranee Saengthongkham/);
    expect((await page.locator('#lead-reports li').allTextContents()).sort()).toEqual([
      expect.stringMatching(/^Test organisation kh-ngo-b · received \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/),
      expect.stringMatching(/^Test organisation th-ngo-a · received \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/),
    ]);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('#approval-state', { hasText: '1 of 2 approval(s)' }).waitFor();
    expect(await page.locator('#approval-state').textContent()).toBe(
      '1 of 2 approval(s) for revision 1 (Nok Chaiyaporn); yours is counted — another analyst must approve too.',
    );
    expect(await page.locator('#approve').textContent()).toBe('You approved this revision');
    expect(await page.locator('#approve').isDisabled()).toBe(true);

    // Nok's second key is Nok: the page knows her approval is counted already.
    await signOut(page);
    await signIn(page, nokPhone);
    await goTo(page, `#/leads/${leadId}`);
    expect(await page.locator('#approve').textContent()).toBe('You approved this revision');

    await signOut(page);
    await signIn(page, ratana);
    await goTo(page, `#/leads/${leadId}`);
    expect(await page.locator('#approval-state').textContent()).toMatch(
      /^1 of 2 approval\(s\) for revision 1 \(Nok Chaiyaporn\)\.$/,
    );
    await page.getByRole('button', { name: 'Approve' }).click();
    await page
      .locator('#approval-state', { hasText: 'Approved (revision 1) by Nok Chaiyaporn and Ratana Sukjai on ' })
      .waitFor();

    // The partner is picked from the registry, by its name; leaving it unchosen is explained at the field.
    await page.getByRole('button', { name: 'Export this lead' }).click();
    await page.locator('#export-error', { hasText: 'Partner: choose a partner bank' }).waitFor();
    const choices = await page.getByLabel('Partner bank').locator('option').allTextContents();
    expect(choices).toEqual(expect.arrayContaining(['Choose a partner bank', `${testOrgName('bank-a')} (bank-a)`]));
    await page.getByLabel('Partner bank').selectOption('bank-a');
    await page.getByRole('button', { name: 'Export this lead' }).click();
    const exported = page
      .locator('section', { has: page.getByRole('heading', { name: 'Exported in' }) })
      .locator('tbody tr');
    await exported.filter({ hasText: 'bank-a' }).waitFor();
    await screenshot(page, 'lead-exported-desktop');
    await goTo(page, '#/exports');
    await page.locator('section.export').first().waitFor();
    await screenshot(page, 'exports-analyst-desktop');
    await signOut(page);
  });

  it('lets the partner download its bundle, with no victim data in it, and shows another partner nothing', async () => {
    const { page } = session;
    await signIn(page, await stack.keyFor('partner', 'bank-a'));
    await ready(page);
    expect(await page.evaluate('location.hash')).toBe('#/exports');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Exports',
    ]);
    const bundle = page.locator('section.export');
    expect(await bundle.count()).toBe(1);
    await screenshot(page, 'exports-partner-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      bundle.getByRole('button', { name: 'ZIP bundle' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^exp_.+-r1\.zip$/);
    const zip = readFileSync((await download.path())!);
    const files = await readZip(zip);
    expect(files.map((f) => f.name).sort()).toEqual(['entities.ftm.jsonl', 'leads.csv', 'manifest.json']);
    const text = [zip, ...files.map((f) => f.data)].map((b) => b.toString('utf8')).join('\n');
    for (const marker of Object.values(MARKERS)) expect([marker, text.includes(marker)]).toEqual([marker, false]);
    expect(text).toContain('Pranee Saengthongkham');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      bundle.getByRole('button', { name: 'Leads (CSV)' }).click(),
    ]);
    expect(readFileSync((await csv.path())!, 'utf8')).toContain('lead_id,ftm_id,schema,name');
    await signOut(page);

    const other = await openConsole(browser, stack.url, 'phone');
    try {
      await signIn(other.page, await stack.keyFor('partner', 'bank-b'));
      await ready(other.page);
      await other.page.getByText('No bundle has been issued to your organisation yet.').waitFor();
      await screenshot(other.page, 'exports-partner-empty-phone');
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }
    expect(session.problems).toEqual([]);
  });

  it('marks a lead that changed after export for analysts, and shows the partner a notice of it', async () => {
    const { page } = session;
    const analyst = await stack.keyFor('analyst', 'hub');
    const caseworker = await stack.keyFor('caseworker', 'th-ngo-c');
    const third = {
      caseRef: 'CASE-CONSOLE-THIRD',
      country: 'TH',
      reportedAt: '2025-02-20',
      subjects: [
        {
          ref: 'p1',
          schema: 'Person',
          role: 'RecruiterOrIntermediary',
          properties: { name: ['Pranee Saengthongkham'], phone: ['086-392-4718'] },
        },
      ],
      links: [],
    };
    const { id } = (await (
      await stack.call('/api/v1/reports', { method: 'POST', key: caseworker, json: third })
    ).json()) as {
      id: string;
    };
    await untilProcessed(stack, id, caseworker);
    await waitFor(
      async () => {
        const lead = (await (await stack.call(`/api/v1/leads/${leadId}`, { key: analyst })).json()) as {
          changedSinceExport: boolean;
        };
        return lead.changedSinceExport ? true : undefined;
      },
      60_000,
      'the lead marked changed since export',
    );

    await signIn(page, analyst);
    await goTo(page, '#/leads');
    const row = page.locator('tbody tr', { hasText: leadId });
    expect(await row.textContent()).toContain('Changed since export');
    await row.getByRole('link').click();
    await ready(page);
    expect(await page.locator('h1').textContent()).toContain('Changed since export');
    expect(await page.locator('#changed-since-export').textContent()).toMatch(
      /holds revision 1 of this lead; this is revision 2\. Once two analysts approve this revision, every bundle/,
    );
    await screenshot(page, 'lead-changed-since-export-desktop');
    await signOut(page);

    await signIn(page, await stack.keyFor('partner', 'bank-a'));
    await ready(page);
    const notice = page.locator('#notices li[data-kind="lead.changed"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`Lead ${leadId} changed after it was exported: bundle exp_`);
    expect(await page.locator('#notices').textContent()).not.toMatch(/Pranee|CASE-CONSOLE|CASEREF-CONSOLE/);
    await screenshot(page, 'exports-partner-notice-desktop');
    await signOut(page);

    const other = await openConsole(browser, stack.url);
    try {
      await signIn(other.page, await stack.keyFor('partner', 'bank-b'));
      await ready(other.page);
      await other.page.locator('#notices', { hasText: 'No notice yet' }).waitFor();
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }
    expect(session.problems).toEqual([]);
  });
});
