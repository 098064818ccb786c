import { api, uploadWithProgress } from '../api.js';
import { h, reportLink, table } from '../dom.js';

/*
 * CSV upload: the bytes going up, then the rows being processed, on one progress bar; every refused
 * row with its column and reason. Valid rows are imported even when others fail.
 */

const POLL_MS = 700;

export async function render(main) {
  const file = h('input#csv-file', { type: 'file', accept: '.csv,text/csv', 'aria-describedby': 'csv-hint' });
  const bar = h('progress#csv-progress', { max: 100, value: 0, 'aria-labelledby': 'csv-progress-label' });
  const label = h('p#csv-progress-label', { 'aria-live': 'polite' }, 'No file uploaded yet.');
  const outcome = h('div#csv-outcome');
  const button = h('button#csv-upload', { type: 'submit' }, 'Upload');
  const error = h('p.field-error#csv-error', { role: 'alert' });
  let stopped = false;
  let timer;

  const form = h(
    'form.card',
    { novalidate: true },
    h(
      'div.field',
      null,
      h('label', { for: 'csv-file' }, 'Spreadsheet (CSV, UTF-8)'),
      h(
        'p.hint#csv-hint',
        null,
        'One row per subject; rows with the same caseRef form one report. Required columns: caseRef, country, ' +
          'schema. Several values in a cell are separated by “|”.',
      ),
      file,
      error,
    ),
    button,
  );
  main.append(
    h('h1', null, 'Upload a spreadsheet'),
    form,
    h('section.card', { 'aria-label': 'Progress' }, label, bar, outcome),
  );

  function showProgress(fraction, text) {
    bar.value = Math.round(fraction * 100);
    label.textContent = text;
  }

  function showResult(view) {
    outcome.replaceChildren(
      h(
        `div.notice.${view.failed ? 'warn' : 'good'}#csv-summary`,
        null,
        `${view.accepted} row(s) imported into ${view.reportIds.length} report(s); ${view.failed} row(s) refused.`,
        view.error ? ` ${view.error}` : '',
      ),
      view.reportIds.length
        ? h(
            'p',
            null,
            'Reports: ',
            view.reportIds.flatMap((id, i) => [i ? ', ' : '', reportLink(id)]),
          )
        : null,
      view.errors.length
        ? table(
            `Refused rows (${view.errors.length}): fix them in the spreadsheet and upload only those rows again`,
            ['Row', 'Column', 'Problem'],
            view.errors.map((e) =>
              h('tr', null, h('td', null, e.row), h('td', null, e.column ?? '—'), h('td', null, e.message)),
            ),
          )
        : null,
    );
  }

  async function follow(id) {
    if (stopped) return;
    const view = await api(`/imports/${encodeURIComponent(id)}`);
    if (view.status === 'done' || view.status === 'failed') {
      showProgress(
        1,
        view.status === 'done'
          ? `Done: ${view.processedRows} of ${view.rows} row(s) processed.`
          : `Stopped: ${view.error ?? 'the import failed'}.`,
      );
      bar.dataset.state = view.status;
      showResult(view);
      button.disabled = false;
      return;
    }
    // The second half of the bar is the worker reading rows; rows is 0 until it has opened the file.
    const read = view.rows ? view.processedRows / view.rows : 0;
    showProgress(
      0.5 + read / 2,
      view.rows
        ? `Processing: ${view.processedRows} of ${view.rows} row(s)…`
        : 'Waiting for a worker to read the file…',
    );
    timer = setTimeout(() => follow(id).catch(fail), POLL_MS);
  }

  function fail(err) {
    error.textContent = err.message;
    button.disabled = false;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    outcome.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) {
      error.textContent = 'Choose a CSV file first.';
      file.focus();
      return;
    }
    button.disabled = true;
    delete bar.dataset.state;
    try {
      const created = await uploadWithProgress('/imports', chosen, 'text/csv; charset=utf-8', (f) =>
        showProgress(f / 2, `Uploading: ${Math.round(f * 100)}%`),
      );
      showProgress(0.5, `Uploaded as ${created.id}; waiting for a worker…`);
      await follow(created.id);
    } catch (err) {
      fail(err);
    }
  });

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
