import type { Browser } from 'playwright-core';
import type { ExportOutcomes } from '../../src/domain/outcomes';
import {
  type ConsoleBrowser,
  closeExpectingNoProblems,
  goTo,
  launchChromium,
  openConsole,
  ready,
  screenshot,
  signIn,
  signOut,
} from '../support/browser';
import { startConsoleStack } from '../support/consoleStack';
import { exportedLead } from '../support/exportedLead';
import { testOrgName } from '../support/keys';
import { managerReports, markersFor } from '../support/managerReports';
import type { TestStack } from '../support/stack';

/*
 * Outcomes in real Chromium: the bank an export was made for reports what it did with a subject on its
 * exports page (a refused day is explained at its field), and analysts find it on the lead and in the
 * outcomes page's figures. Invented names and numbers only.
 */

const { reportA: REPORT_A, reportB: REPORT_B } = managerReports(markersFor('CONSOLE-OUTCOMES'));
const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('the console for outcomes: the bank reports back, analysts read the figures', () => {
  let stack: TestStack & { stop(): Promise<void> };
  let browser: Browser;
  const opened: ConsoleBrowser[] = [];
  let leadId: string;
  let exportId: string;
  let personId: string;

  beforeAll(async () => {
    stack = await startConsoleStack('console-outcomes');
    browser = await launchChromium();
    const exported = await exportedLead(stack, {
      reports: [
        ['th-ngo-a', REPORT_A],
        ['kh-ngo-b', REPORT_B],
      ],
      about: 'Pranee Saengthongkham',
      partner: 'bank-a',
    });
    leadId = exported.lead.id;
    exportId = exported.exportId;
    personId = exported.lead.subjects.find((s) => s.schema === 'Person')!.entityId;
  }, 600_000);

  afterAll(async () => {
    await closeExpectingNoProblems(opened);
    await browser?.close();
    await stack?.stop();
  });

  const open = async (viewport: 'desktop' | 'phone' = 'desktop') => {
    const session = await openConsole(browser, stack.url, viewport);
    opened.push(session);
    return session;
  };

  it('lets the partner record what it did with a subject, a refused day shown at its field', async () => {
    const { page } = await open();
    const partnerKey = await stack.keyFor('partner', 'bank-a');
    await signIn(page, partnerKey);
    await ready(page);
    const bundle = page.locator('section.export', { hasText: exportId });
    expect(await bundle.locator('form.outcome-form').count()).toBe(3);
    const form = bundle.locator(`form.outcome-form[data-subject="${personId}"]`);
    expect(await form.textContent()).toContain('Nothing reported yet.');

    await form.getByLabel('Outcome').selectOption('account_frozen');
    await form.getByLabel('Day the bank acted').fill(dayOf(Date.now() + 3 * DAY_MS));
    await form.getByRole('button', { name: 'Record outcome' }).click();
    await form.locator('.field-error[data-for="date"]', { hasText: 'must not be in the future' }).waitFor();
    expect(await form.getByLabel('Day the bank acted').getAttribute('aria-invalid')).toBe('true');
    const refused = (await (
      await stack.call(`/api/v1/exports/${exportId}/outcomes`, { key: partnerKey })
    ).json()) as ExportOutcomes;
    expect(refused.outcomes).toEqual([]);

    await form.getByLabel('Day the bank acted').fill(dayOf(Date.now()));
    await form.getByLabel('Note for the hub (optional)').fill('Funds held pending review');
    await form.getByRole('button', { name: 'Record outcome' }).click();
    await page.locator('#toast', { hasText: 'Outcome recorded.' }).waitFor();
    const recorded = bundle.locator(`form.outcome-form[data-subject="${personId}"] ul.outcomes li`);
    await recorded.waitFor();
    expect(await recorded.allTextContents()).toEqual([expect.stringMatching(/^Account frozen · .+ · Funds held/)]);
    const stored = (await (
      await stack.call(`/api/v1/exports/${exportId}/outcomes`, { key: partnerKey })
    ).json()) as ExportOutcomes;
    expect(stored.outcomes).toEqual([
      expect.objectContaining({
        subjectId: personId,
        outcome: 'account_frozen',
        date: dayOf(Date.now()),
        note: 'Funds held pending review',
      }),
    ]);
    await screenshot(page, 'exports-partner-outcomes-desktop');
    await signOut(page);
  });

  it('shows analysts the outcome on the lead, and the outcomes page with its figures in tables', async () => {
    const { page } = await open();
    await signIn(page, await stack.keyFor('analyst', 'hub'));
    await ready(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).click();
    await page.locator('main .view[data-ready][data-route="#/outcomes"]').waitFor();
    const card = (label: string) => page.locator('div.stat', { hasText: label }).locator('.value');
    expect(await card('Leads exported').textContent()).toBe('1');
    expect(await card('Leads answered').textContent()).toBe('1');
    expect(await card('Outcomes reported').textContent()).toBe('1');
    // Both reports were received today, and the account was frozen today.
    expect(await card('Median days to freeze').textContent()).toBe('0');

    const kinds = page.locator('section', { has: page.getByRole('heading', { name: 'Outcomes by kind' }) });
    await kinds.getByText('Show as a table').click();
    expect(await kinds.locator('tr', { hasText: 'Account frozen' }).locator('td').textContent()).toBe('1');
    expect(await kinds.locator('tr', { hasText: 'No customer' }).locator('td').textContent()).toBe('0');

    const byOrg = page.locator('section.breakdown[data-dimension="organisation"]');
    expect((await byOrg.locator('tbody th').allTextContents()).sort()).toEqual([
      testOrgName('kh-ngo-b'),
      testOrgName('th-ngo-a'),
    ]);
    const row = byOrg.locator('tr[data-group="th-ngo-a"] td');
    expect((await row.allTextContents()).slice(0, 2)).toEqual(['1', '1']);
    expect(await page.locator('section.breakdown[data-dimension="rule"] tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'outcomes-desktop');

    await goTo(page, `#/leads/${leadId}`);
    const panel = page.locator('section', { has: page.locator('#outcomes-title') });
    const outcome = panel.locator('tbody tr');
    expect(await outcome.count()).toBe(1);
    expect(await outcome.locator('td').allTextContents()).toEqual([
      expect.any(String),
      testOrgName('bank-a'),
      'Pranee Saengthongkham',
      'Account frozen',
      'Funds held pending review',
    ]);
    await screenshot(page, 'lead-outcomes-desktop');
    await signOut(page);

    const phone = await open('phone');
    await signIn(phone.page, await stack.keyFor('analyst', 'hub'));
    await goTo(phone.page, '#/outcomes');
    await screenshot(phone.page, 'outcomes-phone');
  });
});
