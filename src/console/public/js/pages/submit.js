import { ApiError, api } from '../api.js';
import { clear, h, put, reportLink } from '../dom.js';
import { clearErrors, showErrors } from '../fieldErrors.js';
import { reportVocabulary, words } from '../vocabulary.js';

/*
 * The caseworker's form: one case, its subjects and the links between them. The browser checks
 * nothing the API checks: the API's field-level answer is shown next to each field, so the rules live
 * in one place (the zod schemas).
 */

const countryName = (() => {
  try {
    const names = new Intl.DisplayNames([navigator.language || 'en'], { type: 'region' });
    return (code) => names.of(code) ?? code;
  } catch {
    return (code) => code;
  }
})();

/** A random Idempotency-Key; crypto.getRandomValues works on plain-http hosts too, where randomUUID does not. */
function newKey() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const emptySubject = (n, schema, vocab) => ({
  ref: `s${n}`,
  schema,
  role: '',
  props: [{ name: vocab.propertiesBySchema[schema][0], value: '' }],
});

/** The form's state from a report as its caseworker sees it, for an amendment. */
function stateOf(report) {
  return {
    caseRef: report.caseRef ?? '',
    country: report.country,
    reportedAt: report.reportedAt ?? '',
    notes: report.notes ?? '',
    subjects: report.subjects.map((s) => ({
      ref: s.ref,
      schema: s.schema,
      role: s.role ?? '',
      props: Object.entries(s.properties).map(([name, values]) => ({ name, value: values.join(' | ') })),
    })),
    links: report.links.map((l) => ({ ...l })),
  };
}

/** A new report, or with `?amend=<id>` a new revision of one, the form filled with what it holds now. */
export async function render(main, _params, query) {
  const vocab = await reportVocabulary();
  const amending = query?.get('amend') ?? null;
  const current = amending ? await api(`/reports/${encodeURIComponent(amending)}`) : null;
  let state = current ? stateOf(current) : fresh();
  let attempt = { payload: '', key: '' };
  const result = h('div#submit-result', { role: 'status' });
  const form = h('form#report-form', { novalidate: true });
  put(
    main,
    h('h1', null, current ? `Amend report ${current.caseRef ?? current.id}` : 'New report'),
    current
      ? h(
          'p.notice',
          null,
          'The new revision replaces what the report holds now; the earlier one is kept in its history. ',
          'Matching is done again for the whole report.',
        )
      : null,
    h(
      'p.hint',
      null,
      'What one victim told you about the people, companies and accounts involved. Separate several values in one ' +
        'field with “|”. Notes are read only by the hub’s analysts and never leave Lantern.',
    ),
    result,
    form,
  );

  function fresh() {
    return {
      caseRef: '',
      country: '',
      reportedAt: '',
      notes: '',
      subjects: [emptySubject(1, 'Person', vocab)],
      links: [],
    };
  }

  function field(id, label, control, hint) {
    return h(
      'div.field',
      null,
      h('label', { for: id }, label),
      hint ? h('p.hint', { id: `${id}-hint` }, hint) : null,
      control,
    );
  }

  function bind(control, read) {
    control.addEventListener('input', () => read(control.value));
    control.addEventListener('change', () => read(control.value));
    return control;
  }

  function subjectView(s, i) {
    const base = `subjects.${i}`;
    const allowed = vocab.propertiesBySchema[s.schema];
    const schema = bind(
      h(
        'select',
        { id: `s${i}-schema`, dataset: { path: `${base}.schema` } },
        vocab.schemas.map((x) => h('option', { value: x, selected: x === s.schema }, x)),
      ),
      (v) => {
        s.schema = v;
        // Properties the new kind does not have are replaced by its first one, not silently sent.
        for (const p of s.props)
          if (!vocab.propertiesBySchema[v].includes(p.name)) p.name = vocab.propertiesBySchema[v][0];
        draw(`s${i}-schema`);
      },
    );
    return h(
      'fieldset.subject',
      { dataset: { path: base } },
      h('legend', null, `Subject ${i + 1}`),
      h(
        'div.row',
        null,
        field(
          `s${i}-ref`,
          'Label',
          bind(
            h('input', {
              id: `s${i}-ref`,
              type: 'text',
              value: s.ref,
              dataset: { path: `${base}.ref` },
              'aria-describedby': `s${i}-ref-hint`,
            }),
            (v) => (s.ref = v),
          ),
          'Used to link subjects in this report.',
        ),
        field(`s${i}-schema`, 'Kind', schema),
        field(
          `s${i}-role`,
          'Role',
          bind(
            h(
              'select',
              { id: `s${i}-role`, dataset: { path: `${base}.role` } },
              h('option', { value: '' }, 'Not known'),
              vocab.roles.map((r) => h('option', { value: r, selected: r === s.role }, words(r))),
            ),
            (v) => (s.role = v),
          ),
        ),
      ),
      h(
        'div',
        { dataset: { path: `${base}.properties`, group: 'properties' } },
        h('h3', null, `Details of subject ${i + 1}`),
        s.props.map((p, j) =>
          h(
            'div.prop-row',
            null,
            h(
              'div',
              null,
              h('label.visually-hidden', { for: `s${i}-p${j}-name` }, `Detail ${j + 1} of subject ${i + 1}`),
              bind(
                h(
                  'select',
                  { id: `s${i}-p${j}-name` },
                  allowed.map((x) => h('option', { value: x, selected: x === p.name }, words(x))),
                ),
                (v) => {
                  p.name = v;
                  draw(`s${i}-p${j}-value`);
                },
              ),
            ),
            h(
              'div.field',
              null,
              h('label.visually-hidden', { for: `s${i}-p${j}-value` }, `${words(p.name)} of subject ${i + 1}`),
              bind(
                h('input', {
                  id: `s${i}-p${j}-value`,
                  type: 'text',
                  value: p.value,
                  dataset: { path: `${base}.properties.${p.name}` },
                  'aria-label': `${words(p.name)} of subject ${i + 1}`,
                }),
                (v) => (p.value = v),
              ),
            ),
            h(
              'button.secondary',
              {
                type: 'button',
                'aria-label': `Remove ${words(p.name)} of subject ${i + 1}`,
                onclick: () => {
                  s.props.splice(j, 1);
                  draw(`s${i}-add`);
                },
              },
              'Remove',
            ),
          ),
        ),
        h(
          'button.secondary',
          {
            type: 'button',
            id: `s${i}-add`,
            onclick: () => {
              s.props.push({ name: allowed.find((x) => !s.props.some((p) => p.name === x)) ?? allowed[0], value: '' });
              draw(`s${i}-p${s.props.length - 1}-value`);
            },
          },
          'Add a detail',
        ),
      ),
      state.subjects.length > 1
        ? h(
            'div.actions',
            null,
            h(
              'button.danger',
              {
                type: 'button',
                onclick: () => {
                  state.subjects.splice(i, 1);
                  draw('add-subject');
                },
              },
              `Remove subject ${i + 1}`,
            ),
          )
        : null,
    );
  }

  function linkView(l, k) {
    const base = `links.${k}`;
    const refs = state.subjects.map((s) => s.ref);
    const end = (which) =>
      field(
        `l${k}-${which}`,
        which === 'from' ? 'From' : 'To',
        bind(
          h(
            'select',
            { id: `l${k}-${which}`, dataset: { path: `${base}.${which}` } },
            refs.map((r) => h('option', { value: r, selected: r === l[which] }, r)),
          ),
          (v) => (l[which] = v),
        ),
      );
    return h(
      'fieldset',
      { dataset: { path: base } },
      h('legend', null, `Link ${k + 1}`),
      h(
        'div.row',
        null,
        field(
          `l${k}-type`,
          'Kind of link',
          bind(
            h(
              'select',
              { id: `l${k}-type`, dataset: { path: `${base}.type` } },
              vocab.linkTypes.map((t) => h('option', { value: t, selected: t === l.type }, words(t))),
            ),
            (v) => (l.type = v),
          ),
        ),
        end('from'),
        end('to'),
        h(
          'button.secondary',
          {
            type: 'button',
            onclick: () => {
              state.links.splice(k, 1);
              draw('add-link');
            },
          },
          `Remove link ${k + 1}`,
        ),
      ),
    );
  }

  function draw(focusId) {
    clear(form);
    put(
      form,
      h(
        'fieldset',
        null,
        h('legend', null, 'The case'),
        h(
          'div.row',
          null,
          field(
            'caseRef',
            'Your case reference',
            bind(
              h('input#caseRef', {
                type: 'text',
                value: state.caseRef,
                autocomplete: 'off',
                dataset: { path: 'caseRef' },
                'aria-describedby': 'caseRef-hint',
              }),
              (v) => (state.caseRef = v),
            ),
            'Shown only to your organisation; never exported.',
          ),
          field(
            'country',
            'Country',
            bind(
              h(
                'select#country',
                { dataset: { path: 'country' } },
                h('option', { value: '' }, 'Choose a country'),
                vocab.countries.map((c) =>
                  h('option', { value: c, selected: c === state.country }, `${countryName(c)} (${c})`),
                ),
              ),
              (v) => (state.country = v),
            ),
          ),
          field(
            'reportedAt',
            'Date of the account',
            bind(
              h('input#reportedAt', { type: 'date', value: state.reportedAt, dataset: { path: 'reportedAt' } }),
              (v) => (state.reportedAt = v),
            ),
          ),
        ),
        field(
          'notes',
          'Notes for analysts',
          bind(h('textarea#notes', { rows: 3, dataset: { path: 'notes' } }, state.notes), (v) => (state.notes = v)),
        ),
      ),
      h('div', { dataset: { path: 'subjects' } }, state.subjects.map(subjectView)),
      h(
        'div.actions',
        null,
        h(
          'button.secondary#add-subject',
          {
            type: 'button',
            onclick: () => {
              state.subjects.push(emptySubject(state.subjects.length + 1, 'Person', vocab));
              draw(`s${state.subjects.length - 1}-ref`);
            },
          },
          'Add a subject',
        ),
      ),
      h('div', { dataset: { path: 'links' } }, state.links.map(linkView)),
      h(
        'div.actions',
        null,
        h(
          'button.secondary#add-link',
          {
            type: 'button',
            disabled: state.subjects.length < 2,
            onclick: () => {
              state.links.push({ type: vocab.linkTypes[0], from: state.subjects[0].ref, to: state.subjects[1].ref });
              draw(`l${state.links.length - 1}-type`);
            },
          },
          'Add a link',
        ),
      ),
      h(
        'div.actions',
        null,
        h('button#submit-report', { type: 'submit' }, current ? 'Save the new revision' : 'Submit the report'),
        current ? h('a.button.secondary', { href: `#/reports/${encodeURIComponent(current.id)}` }, 'Cancel') : null,
      ),
    );
    if (focusId) document.getElementById(focusId)?.focus();
  }

  /** The payload exactly as typed: empty optional fields are left out, everything else goes to the API to judge. */
  function payload() {
    const subjects = state.subjects.map((s) => {
      const properties = {};
      for (const p of s.props)
        properties[p.name] = [...(properties[p.name] ?? []), ...p.value.split('|').map((v) => v.trim())];
      return { ref: s.ref, schema: s.schema, ...(s.role ? { role: s.role } : {}), properties };
    });
    return {
      caseRef: state.caseRef,
      country: state.country,
      ...(state.reportedAt ? { reportedAt: state.reportedAt } : {}),
      ...(state.notes.trim() ? { notes: state.notes } : {}),
      subjects,
      links: state.links,
    };
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('#submit-report');
    const body = payload();
    const text = JSON.stringify(body);
    // The same payload sent again (a retry after a lost answer) reuses its key, so it is never counted twice.
    if (attempt.payload !== text) attempt = { payload: text, key: newKey() };
    button.disabled = true;
    result.replaceChildren();
    try {
      if (current) {
        const revised = await api(`/reports/${encodeURIComponent(current.id)}`, { method: 'PUT', json: body });
        clearErrors(form);
        result.replaceChildren(
          h(
            'div.notice.good#submit-success',
            { tabindex: '-1' },
            h('strong', null, `Revision ${revised.revision} saved. `),
            'It will be matched again in the background; ',
            reportLink(current.id),
            ' shows how far it has come.',
          ),
        );
        result.querySelector('#submit-success').focus();
        return;
      }
      const accepted = await api('/reports', {
        method: 'POST',
        json: body,
        headers: { 'Idempotency-Key': attempt.key },
      });
      clearErrors(form);
      result.replaceChildren(
        h(
          'div.notice.good#submit-success',
          { tabindex: '-1' },
          h('strong', null, 'Report received. '),
          'Its id is ',
          reportLink(accepted.id),
          '. It is safe in Lantern and will be matched in the background; follow it under Reports.',
        ),
        h(
          'button.secondary',
          {
            type: 'button',
            onclick: () => {
              state = fresh();
              result.replaceChildren();
              draw('caseRef');
            },
          },
          'Start another report',
        ),
      );
      result.querySelector('#submit-success').focus();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.issues.length)
        showErrors(form, err.issues, `The report was not sent: ${err.issues.length} problem(s) to fix`);
      else showErrors(form, [{ path: '', message: err.message }], 'The report was not sent');
    } finally {
      button.disabled = false;
    }
  });

  draw();
}
