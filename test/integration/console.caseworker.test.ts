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
} from '../support/browser';
import { startConsoleStack } from '../support/consoleStack';
import type { TestStack } from '../support/stack';

/*
 * The caseworker's console in real Chromium: the report form with the API's field-level errors placed
 * next to the fields, a CSV upload followed on its progress bar with per-row errors, and the
 * organisation's submissions. Invented names and numbers only.
 */

type Stack = TestStack & { stop(): Promise<void> };

const CSV = [
  'caseRef,country,reportedAt,ref,schema,role,name,phone,accountNumber,bankName,link_type,link_to',
  'TH-CON-CSV-1,TH,2024-03-02,p1,Person,RecruiterOrIntermediary,Prasert Wongsakul,089-555-0142,,,Ownership,a1',
  'TH-CON-CSV-1,TH,2024-03-02,a1,BankAccount,,,,123-4-56789-0,Kasikornbank,,',
  'TH-CON-CSV-2,TH,2024-04-11,p1,Person,Exploiter,Sokha Chanthou,+855 12 555 019,,,,',
  'TH-CON-CSV-3,Thailand,2024-05-19,p1,Person,,Tran Thi Mai Anh,0912 555 031,,,,',
].join('\n');

describe('the console for caseworkers: report form, CSV upload, submissions', () => {
  let stack: Stack;
  let browser: Browser;
  let caseworker: string;
  const opened: ConsoleBrowser[] = [];

  const open = async (viewport: 'desktop' | 'phone' = 'desktop') => {
    const c = await openConsole(browser, stack.url, viewport);
    opened.push(c);
    await signIn(c.page, caseworker);
    await ready(c.page);
    return c;
  };

  beforeAll(async () => {
    stack = await startConsoleStack('console-caseworker');
    browser = await launchChromium();
    caseworker = await stack.keyFor('caseworker', 'th-console-ngo');
  });

  afterEach(() => closeExpectingNoProblems(opened));

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the API’s errors next to the fields, then accepts the corrected report', async () => {
    const phone = await open('phone');
    await screenshot(phone.page, 'submit-phone');

    const { page } = await open();
    expect(await page.evaluate('location.hash')).toBe('#/submit');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'New report',
      'Upload CSV',
      'Reports',
    ]);
    await screenshot(page, 'submit-desktop');

    // No case reference, and a person described only by a nationality: two mistakes the API names.
    await page.getByLabel('Country').selectOption('TH');
    await page.getByLabel('Detail 1 of subject 1').selectOption('nationality');
    await page.getByRole('textbox', { name: 'Nationality of subject 1' }).fill('TH');
    await page.getByRole('button', { name: 'Submit the report' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('2 problem(s)');
    const caseRefError = page.locator('[data-for="caseRef"]');
    expect(await caseRefError.textContent()).toBe('must not be empty');
    // The message sits in the case reference's own field and is announced with it.
    expect(
      await page
        .locator('.field', { has: page.locator('#caseRef') })
        .locator('.field-error')
        .count(),
    ).toBe(1);
    expect(await page.locator('#caseRef').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#caseRef').getAttribute('aria-describedby')).toContain(
      await caseRefError.getAttribute('id'),
    );
    const subjectError = page.locator('[data-path="subjects.0.properties"] .field-error');
    expect(await subjectError.textContent()).toMatch(/a Person needs at least one of: name/);
    expect(await page.evaluate('document.activeElement.className')).toBe('error-summary');
    await screenshot(page, 'submit-errors-desktop');

    await page.getByLabel('Your case reference').fill('TH-CON-FORM-1');
    await page.getByRole('button', { name: 'Add a detail' }).click();
    await page.getByRole('textbox', { name: 'Name of subject 1' }).fill('Somchai Jaidee');
    await page.getByRole('button', { name: 'Add a subject' }).click();
    await page.getByLabel('Kind', { exact: true }).nth(1).selectOption('BankAccount');
    await page.getByRole('textbox', { name: 'Account number of subject 2' }).fill('123-4-56789-0');
    await page.getByRole('button', { name: 'Add a link' }).click();
    await page.getByLabel('Kind of link').selectOption('Ownership');
    await page.getByRole('button', { name: 'Submit the report' }).click();
    const success = page.locator('#submit-success');
    await success.waitFor();
    expect(await page.locator('.error-summary').count()).toBe(0);
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    await screenshot(page, 'submit-success-desktop');

    await success.getByRole('link').click();
    await ready(page);
    await page.getByRole('status').filter({ hasText: 'Processed' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('table', { hasText: 'Subjects' }).locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'report-caseworker-desktop');
  });

  it('uploads a CSV, follows its progress to the end, and lists each refused row', async () => {
    const { page } = await open();
    await goTo(page, '#/upload');
    // Every value the bar takes, in order: it must only move forward and pass through the middle.
    await page.evaluate(`window.__progress = [];
      new MutationObserver(() => window.__progress.push(Number(document.querySelector('#csv-progress').value)))
        .observe(document.querySelector('#csv-progress'), { attributes: true, attributeFilter: ['value'] });`);
    await page
      .getByLabel('Spreadsheet (CSV, UTF-8)')
      .setInputFiles({ name: 'reports.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('#csv-progress[data-state="done"]').waitFor({ timeout: 60_000 });
    const seen = (await page.evaluate('window.__progress')) as number[];
    expect(seen[seen.length - 1]).toBe(100);
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await page.locator('#csv-summary').textContent()).toContain(
      '3 row(s) imported into 2 report(s); 1 row(s) refused.',
    );
    const rows = await page.locator('#csv-outcome tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^5\tcountry\t.*ISO 3166-1 alpha-2/);
    await screenshot(page, 'upload-desktop');
  });

  it('lists the organisation’s submissions with their status, and keeps analyst pages out of reach', async () => {
    const { page } = await open();
    await goTo(page, '#/reports');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    // The list has no organisation column for caseworkers: it is always their own.
    expect(await page.locator('thead th').allTextContents()).not.toContain('Organisation');
    await screenshot(page, 'reports-caseworker-desktop');
    await goTo(page, '#/review');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not available');
  });

  it('shows a caseworker their report by its case reference, no entity, then amends and withdraws it', async () => {
    const { page } = await open();
    await goTo(page, '#/reports');
    await page.getByRole('link', { name: 'TH-CON-FORM-1' }).click();
    await ready(page);
    await page.getByRole('status').filter({ hasText: 'Processed' }).waitFor({ timeout: 60_000 });
    const main = page.locator('main');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Report TH-CON-FORM-1');
    for (const shown of ['Somchai Jaidee', '123-4-56789-0', 'Ownership'])
      expect(await main.textContent()).toContain(shown);
    expect(await main.innerHTML()).not.toMatch(/ent_|#\/entities/);
    await screenshot(page, 'report-own-caseworker-desktop');

    await page.getByRole('link', { name: 'Amend' }).click();
    await ready(page);
    expect(await page.getByLabel('Your case reference').inputValue()).toBe('TH-CON-FORM-1');
    const name = page.getByRole('textbox', { name: 'Name of subject 1' });
    expect(await name.inputValue()).toBe('Somchai Jaidee');
    await name.fill('Somchai Jaidi');
    await screenshot(page, 'report-amend-desktop');
    await page.getByRole('button', { name: 'Save the new revision' }).click();
    const saved = page.locator('#submit-success');
    await saved.filter({ hasText: 'Revision 2 saved.' }).waitFor();
    await saved.getByRole('link').click();
    await ready(page);
    await page.getByRole('status').filter({ hasText: 'Processed · revision 2' }).waitFor({ timeout: 60_000 });
    expect(await main.textContent()).toContain('Somchai Jaidi');
    expect(await main.textContent()).not.toContain('Somchai Jaidee');

    page.once('dialog', (dialog) => void dialog.accept('entered twice by mistake'));
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await page.locator('#report-view').getByRole('status').filter({ hasText: 'Status: Withdrawn' }).waitFor();
    expect(await main.textContent()).toContain('Withdrawn because: entered twice by mistake');
    expect(await page.getByRole('link', { name: 'Amend' }).count()).toBe(0);
    await screenshot(page, 'report-withdrawn-desktop');
  });
});
