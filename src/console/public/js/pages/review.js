import { api } from '../api.js';
import { badge, clear, entityLink, errorNotice, h, put, reportLink, toast, when } from '../dom.js';
import { explanationView } from '../explain.js';
import { formatDate } from '../format.js';
import { words } from '../vocabulary.js';

/*
 * The review queue, keyboard first: s same, d different, u unsure, j/k next and previous, z undo the
 * last "same" (a split). Each pair is shown side by side with the reports behind each entity (date and
 * organisation only) and what each verdict would change; the verdicts stay on screen in a bar pinned to
 * the bottom of the window. Filters narrow the queue; scores can be hidden so that an analyst judges from
 * the evidence rather than from the matcher's number.
 */

const PAGE = 50;
const KEYS = { s: 'same', d: 'different', u: 'unsure' };
/** Remembered for the browser tab, like the session itself. */
const HIDE_SCORES = 'lantern.review.hideScores';
/** Score bands as [minScore, maxScore); the lowest holds pairs only where the review threshold is set below 0.5. */
const BANDS = [
  { label: '0.90 and above', value: '0.9-1' },
  { label: '0.75 to 0.90', value: '0.75-0.9' },
  { label: '0.50 to 0.75', value: '0.5-0.75' },
  { label: 'Below 0.50', value: '0-0.5' },
];

const pairKey = (item) => `${item.entityA.id}|${item.entityB.id}`;

function side(label, summary, detail) {
  const identifiers = detail?.identifiers ?? [];
  const reports = new Map();
  for (const m of detail?.mentions ?? []) reports.set(m.reportId, m);
  return h(
    'section.card.side',
    { 'aria-label': `${label}: ${summary.names[0] ?? summary.id}` },
    h('h3', null, `${label}: `, entityLink(summary.id, summary.names[0] ?? summary.id)),
    h(
      'dl',
      null,
      h('dt', null, 'Kind'),
      h('dd', null, summary.schema),
      h('dt', null, 'Names'),
      h('dd', null, summary.names.join(' · ') || '—'),
      h('dt', null, 'Identifiers'),
      h('dd', null, identifiers.length ? identifiers.map((i) => h('div', null, `${words(i.kind)}: ${i.value}`)) : '—'),
      h('dt', null, 'Countries'),
      h('dd', null, summary.countries.join(', ') || '—'),
      h('dt', null, 'Roles'),
      h('dd', null, summary.roles.map(words).join(', ') || '—'),
      h('dt', null, 'Seen'),
      h('dd', null, detail ? [when(detail.firstSeen), ' – ', when(detail.lastSeen)] : '—'),
      h('dt', null, 'Evidence'),
      h('dd', null, `${summary.reportCount} report(s) from ${summary.orgCount} organisation(s)`),
    ),
    h('h4', null, 'Reports behind it'),
    h(
      'ul',
      null,
      [...reports.values()].map((m) =>
        h(
          'li',
          null,
          reportLink(
            m.reportId,
            `${m.orgName} · reported ${m.reportedAt ? formatDate(m.reportedAt) : 'on an unknown date'}`,
          ),
        ),
      ),
    ),
  );
}

function consequences(item) {
  const a = item.entityA;
  const b = item.entityB;
  return h(
    'section.card',
    { 'aria-labelledby': 'changes-title' },
    h('h2#changes-title', null, 'What your decision changes'),
    h(
      'ul',
      null,
      h(
        'li',
        null,
        h('strong', null, 'Same (s): '),
        `the two become one entity holding ${a.reportCount + b.reportCount} report(s); leads touching them are ` +
          `re-evaluated. Undo with z (a split).`,
      ),
      h(
        'li',
        null,
        h('strong', null, 'Different (d): '),
        'they stay apart, and no automatic decision may ever join them.',
      ),
      h(
        'li',
        null,
        h('strong', null, 'Unsure (u): '),
        'recorded in both entities’ history; the pair leaves the queue unchanged.',
      ),
    ),
  );
}

function choice(id, label, first, values) {
  return h(
    'div.field',
    null,
    h('label', { for: id }, label),
    h(
      `select#${id}`,
      null,
      h('option', { value: '' }, first),
      values.map((v) =>
        typeof v === 'string' ? h('option', { value: v }, words(v)) : h('option', { value: v.value }, v.label),
      ),
    ),
  );
}

/** The filter form, its choices those of the whole open queue; every change reloads the queue. */
function filterForm(choices, current, onChange) {
  const form = h(
    'form.review-filters#review-filters',
    {
      'aria-label': 'Filter the queue',
      onchange: () => onChange(filtersOf(form)),
      onsubmit: (e) => e.preventDefault(),
    },
    choice('filter-schema', 'Kind', 'Any kind', choices.schemas),
    choice(
      'filter-country',
      'Country',
      'Any country',
      choices.countries.map((c) => ({ value: c, label: c })),
    ),
    choice(
      'filter-org',
      'Organisation',
      'Any organisation',
      choices.orgs.map((o) => ({ value: o.slug, label: o.name })),
    ),
    choice('filter-band', 'Score band', 'Any score', BANDS),
  );
  for (const [name, value] of Object.entries(current)) {
    const select = form.querySelector(`#filter-${name}`);
    if (select && [...select.options].some((o) => o.value === value)) select.value = value;
  }
  return form;
}

const filtersOf = (form) =>
  Object.fromEntries(['schema', 'country', 'org', 'band'].map((k) => [k, form.querySelector(`#filter-${k}`).value]));

function queryOf(filters) {
  const q = new URLSearchParams({ limit: String(PAGE), offset: '0' });
  for (const k of ['schema', 'country', 'org']) if (filters[k]) q.set(k, filters[k]);
  if (filters.band) {
    const [min, max] = filters.band.split('-');
    q.set('minScore', min);
    q.set('maxScore', max);
  }
  return q.toString();
}

export async function render(main) {
  const state = {
    items: [],
    total: 0,
    index: 0,
    decided: new Map(),
    details: new Map(),
    busy: false,
    lastSame: null,
    filters: {},
    choices: { schemas: [], countries: [], orgs: [] },
  };
  const status = h('div#review-status', { role: 'status', 'aria-live': 'polite' });
  const filters = h('div#review-filters-box');
  const body = h('div#review-body');
  const hideScores = h('input#review-hide-scores', {
    type: 'checkbox',
    checked: sessionStorage.getItem(HIDE_SCORES) === 'true',
    onchange: () => {
      sessionStorage.setItem(HIDE_SCORES, String(hideScores.checked));
      show();
    },
  });
  const reason = h('input#review-reason', {
    type: 'text',
    maxlength: 2000,
    placeholder: 'optional: why (kept in the judgement history)',
  });
  put(
    main,
    h('h1', null, 'Review queue'),
    h(
      'p.hint',
      null,
      'Keys: ',
      h('kbd', null, 's'),
      ' same · ',
      h('kbd', null, 'd'),
      ' different · ',
      h('kbd', null, 'u'),
      ' unsure · ',
      h('kbd', null, 'j'),
      '/',
      h('kbd', null, 'k'),
      ' next/previous · ',
      h('kbd', null, 'z'),
      ' undo the last “same”. ',
      'Shortcuts pause while you type in a field.',
    ),
    h(
      'div.review-tools',
      null,
      filters,
      h('div.check', null, hideScores, h('label', { for: 'review-hide-scores' }, 'Hide scores while judging')),
    ),
    status,
    body,
  );

  async function detailOf(id) {
    if (!state.details.has(id))
      state.details.set(
        id,
        api(`/entities/${encodeURIComponent(id)}`).catch(() => null),
      );
    return state.details.get(id);
  }

  async function load() {
    const page = await api(`/review?${queryOf(state.filters)}`);
    state.items = page.items;
    state.total = page.total;
    state.choices = page.choices;
    state.index = 0;
    state.decided.clear();
    state.details.clear();
  }

  /** Counts draws: a reload, a filter and the hide-scores toggle may each start one, and only the latest may draw. */
  let draws = 0;
  async function show() {
    draws += 1;
    const draw = draws;
    const item = state.items[state.index];
    if (!item) {
      put(
        clear(body),
        h(
          'div.notice.good',
          null,
          state.items.length
            ? 'You reached the end of this page of the queue.'
            : Object.values(state.filters).some(Boolean)
              ? 'No pair waiting for review matches these filters.'
              : 'Nothing waits for review.',
        ),
        h('button', { type: 'button', onclick: () => reload() }, 'Load the queue again'),
      );
      return;
    }
    const [da, db] = await Promise.all([detailOf(item.entityA.id), detailOf(item.entityB.id)]);
    if (draw !== draws) return;
    clear(body);
    const decided = state.decided.get(pairKey(item));
    const buttons = Object.entries(KEYS).map(([key, verdict]) =>
      h(
        `button${verdict === 'same' ? '.good' : verdict === 'different' ? '.danger' : '.secondary'}`,
        { type: 'button', disabled: Boolean(decided), 'data-verdict': verdict, onclick: () => decide(verdict) },
        `${words(verdict)} (${key})`,
      ),
    );
    const blind = hideScores.checked;
    body.classList.toggle('scores-hidden', blind);
    put(
      body,
      h(
        'div.card.pair-card',
        { 'aria-labelledby': 'pair-title' },
        h(
          'h2#pair-title',
          null,
          `Possible match ${state.index + 1} of ${state.items.length}`,
          state.total > state.items.length ? ` (queue holds ${state.total})` : '',
          blind ? null : h('span#pair-score', null, ' · score ', h('strong', null, item.score.toFixed(2))),
        ),
        decided
          ? h(
              'p',
              null,
              badge(`decided: ${decided}`, decided === 'same' ? 'good' : decided === 'different' ? 'bad' : 'warn'),
            )
          : null,
        h('div.pair', null, side('A', item.entityA, da), side('B', item.entityB, db)),
      ),
      h(
        'section.card',
        { 'aria-labelledby': 'why-title' },
        h(
          'h2#why-title',
          null,
          blind ? 'What the two have in common and where they differ' : 'Why the matcher thinks they may be the same',
        ),
        explanationView(item.explanation),
      ),
      consequences(item),
      h(
        'div.review-bar#review-bar',
        { role: 'group', 'aria-label': 'Your decision' },
        h('div.verdicts', null, buttons),
        h('div.field', null, h('label', { for: 'review-reason' }, 'Reason'), reason),
        h(
          'div.moves',
          null,
          h('button.secondary', { type: 'button', onclick: () => move(-1) }, 'Previous (k)'),
          h('button.secondary', { type: 'button', onclick: () => move(1) }, 'Next (j)'),
          h(
            'button.secondary',
            { type: 'button', onclick: () => undo(), disabled: !state.lastSame },
            'Undo last same (z)',
          ),
        ),
      ),
    );
  }

  function move(step) {
    const next = state.index + step;
    if (next < 0 || next > state.items.length) return;
    state.index = next;
    show();
  }

  /** After a verdict the next undecided pair comes up, as analysts work through a queue. */
  function advance() {
    for (let i = state.index + 1; i < state.items.length; i += 1) {
      if (!state.decided.has(pairKey(state.items[i]))) {
        state.index = i;
        return;
      }
    }
    state.index = state.items.length;
  }

  async function decide(verdict) {
    const item = state.items[state.index];
    if (!item || state.busy || state.decided.has(pairKey(item))) return;
    state.busy = true;
    try {
      const movedOut = ((await detailOf(item.entityB.id))?.mentions ?? []).map((m) => m.id);
      const text = reason.value.trim();
      await api('/judgements', {
        method: 'POST',
        json: { entityA: item.entityA.id, entityB: item.entityB.id, verdict, ...(text ? { reason: text } : {}) },
      });
      state.decided.set(pairKey(item), verdict);
      reason.value = '';
      if (verdict === 'same') {
        const merged = await api(`/entities/${encodeURIComponent(item.entityA.id)}`);
        const survivorId = merged.mergedInto ?? merged.id;
        const survivor = merged.mergedInto ? await api(`/entities/${encodeURIComponent(survivorId)}`) : merged;
        state.lastSame = { survivorId, movedOut, item };
        report(
          'good',
          h('strong', null, 'Merged. '),
          `${item.entityA.names[0]} and ${item.entityB.names[0]} are now one entity, `,
          entityLink(survivorId, survivor.names[0]),
          `, with ${survivor.mentionCount} mention(s) from ${survivor.reportCount} ` +
            `report(s): ${survivor.names.join(' · ')}.`,
        );
      } else {
        report(
          verdict === 'different' ? 'bad' : 'warn',
          h('strong', null, `${words(verdict)}. `),
          `${item.entityA.names[0]} and ${item.entityB.names[0]} stay ` +
            `apart${verdict === 'different' ? ' for good' : ''}.`,
        );
      }
      advance();
      await show();
    } catch (err) {
      status.replaceChildren(errorNotice(err));
    } finally {
      state.busy = false;
    }
  }

  async function undo() {
    const last = state.lastSame;
    if (!last || state.busy) {
      if (!last) toast('Only a “same” can be undone here (by a split); “different” and “unsure” stay in the history.');
      return;
    }
    state.busy = true;
    try {
      const outcome = await api(`/entities/${encodeURIComponent(last.survivorId)}/split`, {
        method: 'POST',
        json: { mentionIds: last.movedOut, reason: 'undo of a same verdict in the review queue' },
      });
      state.lastSame = null;
      state.decided.set(pairKey(last.item), 'same, undone');
      report(
        'warn',
        h('strong', null, 'Undone. '),
        'The merge was split again: ',
        entityLink(outcome.remainingEntityId),
        ' and ',
        entityLink(outcome.newEntityId),
        '. They are now kept apart.',
      );
      await show();
    } catch (err) {
      status.replaceChildren(errorNotice(err));
    } finally {
      state.busy = false;
    }
  }

  function report(tone, ...content) {
    status.replaceChildren(h(`div.notice.${tone}#last-decision`, null, ...content));
  }

  let drawnChoices = '';
  async function reload() {
    status.replaceChildren();
    await load();
    // Redrawn only when the choices change (after verdicts), so that a keyboard user keeps their place.
    const choices = JSON.stringify(state.choices);
    if (choices !== drawnChoices) {
      drawnChoices = choices;
      filters.replaceChildren(
        filterForm(state.choices, state.filters, (chosen) => {
          state.filters = chosen;
          reload();
        }),
      );
    }
    await show();
  }

  const onKey = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]')) return;
    const key = e.key.toLowerCase();
    if (KEYS[key]) decide(KEYS[key]);
    else if (key === 'j') move(1);
    else if (key === 'k') move(-1);
    else if (key === 'z') undo();
    else return;
    e.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  await reload();
  return () => document.removeEventListener('keydown', onKey);
}
