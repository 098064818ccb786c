import { api } from '../api.js';
import { badge, clear, entityLink, errorNotice, h, put, reportLink, table, toast, when } from '../dom.js';
import { drawNeighbourhood, legend } from '../graph.js';
import { go } from '../navigate.js';
import { words } from '../vocabulary.js';

/*
 * One entity: every name, identifier and mention with the decision that placed it, its judgement
 * history, the network around it, and split (the undo of a merge).
 */

/** A mention's names as typed, without empty ones (which once showed as "· ·"). */
const shownNames = (m) =>
  m.names
    .map((n) => n.trim())
    .filter(Boolean)
    .join(' · ');

function mentionsTable(entity, selected, onChange) {
  return table(
    `Mentions (${entity.mentions.length}): the records this entity is made of`,
    ['Split?', 'Names', 'Report', 'Organisation', 'Reported', 'Role', 'Placed by', 'Score'],
    entity.mentions.map((m) =>
      h(
        'tr',
        null,
        h(
          'td',
          null,
          h('input', {
            type: 'checkbox',
            'aria-label': `Move mention ${shownNames(m) || m.id} out`,
            checked: selected.has(m.id),
            dataset: { mention: m.id },
            onchange: (e) => onChange(m.id, e.target.checked),
          }),
        ),
        h('td', null, shownNames(m) || words(m.schema)),
        h('td', { title: m.reportId }, reportLink(m.reportId, 'View report')),
        h('td', { title: m.orgId }, m.orgName),
        h('td', null, when(m.reportedAt)),
        h('td', null, m.role ? words(m.role) : '—'),
        h('td', null, words(m.decision), m.model === 'analyst' ? ' (analyst)' : ''),
        h('td', null, m.score === null ? '—' : m.score.toFixed(2)),
      ),
    ),
  );
}

function splitForm(entity, selected, done) {
  const reason = h('input#split-reason', { type: 'text', maxlength: 2000 });
  const button = h('button.danger#split-button', { type: 'submit' }, 'Split the selected mentions into a new entity');
  const error = h('p.field-error', { role: 'alert' });
  const form = h(
    'form.card',
    { 'aria-labelledby': 'split-title' },
    h('h2#split-title', null, 'Split'),
    h(
      'p.hint',
      null,
      'Tick the mentions that do not belong here. They move to a new entity, and the two are kept apart from then ' +
        'on (recorded as a “different” judgement).',
    ),
    h('div.field', null, h('label', { for: 'split-reason' }, 'Reason'), reason),
    error,
    button,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (selected.size === 0 || selected.size === entity.mentions.length) {
      error.textContent = 'Tick at least one mention, and leave at least one.';
      return;
    }
    button.disabled = true;
    try {
      const outcome = await api(`/entities/${encodeURIComponent(entity.id)}/split`, {
        method: 'POST',
        json: { mentionIds: [...selected], ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) },
      });
      toast(`Split: the mentions moved to ${outcome.newEntityId}.`);
      done(outcome);
    } catch (err) {
      error.textContent = err.message;
      button.disabled = false;
    }
  });
  return form;
}

export async function render(main, params) {
  const entity = await api(`/entities/${encodeURIComponent(params.id)}`);
  if (entity.mergedInto) {
    main.append(
      h('h1', null, 'Merged entity'),
      h(
        'div.notice',
        null,
        `${entity.id} was merged into `,
        entityLink(entity.mergedInto),
        '. The old id keeps resolving there.',
      ),
    );
    return undefined;
  }
  const selected = new Set();
  const graphBox = h('div.graph#entity-graph', {
    role: 'img',
    'aria-label': `Network around ${entity.displayName}; the same network is listed below the graph`,
  });
  const neighbours = h('div#neighbours');
  const depth = h(
    'select#graph-depth',
    { onchange: () => drawGraph() },
    [1, 2, 3].map((d) => h('option', { value: d, selected: d === 2 }, `${d} hop${d > 1 ? 's' : ''}`)),
  );
  let destroyGraph = () => undefined;

  async function drawGraph() {
    destroyGraph();
    clear(graphBox);
    clear(neighbours);
    try {
      const data = await api(`/entities/${encodeURIComponent(entity.id)}/neighbourhood?depth=${depth.value}`);
      destroyGraph = drawNeighbourhood(
        graphBox,
        data,
        entity.id,
        (id) => (location.hash = `#/entities/${encodeURIComponent(id)}`),
      );
      const others = data.nodes.filter((n) => n.kind === 'entity' && n.id !== entity.id);
      put(
        neighbours,
        h('h3', null, `Entities in this network (${others.length})`),
        data.truncated ? h('p.notice.warn', null, 'The network is larger than can be drawn; it was cut off.') : null,
        others.length
          ? h(
              'ul',
              null,
              others.map((n) => h('li', null, entityLink(n.id, n.label), ` · ${n.schema ?? ''}`)),
            )
          : h('p.muted', null, 'No other entity is connected.'),
      );
    } catch (err) {
      graphBox.append(errorNotice(err));
    }
  }

  const title = entity.displayName;
  put(
    main,
    h('h1', null, title, ' ', badge(entity.schema)),
    h(
      'p.muted',
      null,
      `${entity.id} · ${entity.mentionCount} mention(s) from ${entity.reportCount} report(s) and ${entity.orgCount} ` +
        `organisation(s) · seen `,
      when(entity.firstSeen),
      ' – ',
      when(entity.lastSeen),
    ),
    h(
      'div.grid',
      null,
      h(
        'section.card',
        null,
        h('h2', null, 'Names and aliases'),
        h(
          'ul#entity-names',
          null,
          entity.names.map((n) => h('li', null, n)),
        ),
      ),
      h(
        'section.card',
        null,
        h('h2', null, 'Identifiers'),
        entity.identifiers.length
          ? h(
              'ul',
              null,
              entity.identifiers.map((i) =>
                h(
                  'li',
                  null,
                  `${words(i.kind)}: `,
                  h('strong', null, i.value),
                  i.sharedWith ? ` · shared with ${i.sharedWith} other entit${i.sharedWith > 1 ? 'ies' : 'y'}` : '',
                ),
              ),
            )
          : h('p.muted', null, 'None.'),
        h('h3', null, 'Countries and roles'),
        h('p', null, [...entity.countries, ...entity.roles.map(words)].join(', ') || '—'),
      ),
      h(
        'section.card',
        null,
        h('h2', null, 'Possible matches and relations'),
        entity.possibleMatches.length
          ? h(
              'ul',
              null,
              entity.possibleMatches.map((p) =>
                h('li', null, entityLink(p.entityId, p.displayName), ` · score ${p.score.toFixed(2)} · ${p.status}`),
              ),
            )
          : h('p.muted', null, 'No possible match.'),
        entity.relations.length
          ? h(
              'ul',
              null,
              entity.relations.map((r) =>
                h(
                  'li',
                  null,
                  `${words(r.type)} ${r.direction === 'out' ? '→' : '←'} `,
                  entityLink(r.entityId, r.displayName),
                  ` (${r.reportIds.length} report(s))`,
                ),
              ),
            )
          : h('p.muted', null, 'No reported relation.'),
        entity.mergedIds.length
          ? h('p.muted', null, `Merged ids that resolve here: ${entity.mergedIds.join(', ')}`)
          : null,
      ),
    ),
    h(
      'section.card',
      { 'aria-labelledby': 'graph-title' },
      h('h2#graph-title', null, 'Network'),
      h('div.row', null, h('div.field', null, h('label', { for: 'graph-depth' }, 'Depth'), depth)),
      legend(),
      graphBox,
      neighbours,
    ),
    h(
      'section',
      { 'aria-label': 'Mentions' },
      mentionsTable(entity, selected, (id, on) => (on ? selected.add(id) : selected.delete(id))),
    ),
    splitForm(entity, selected, (outcome) => go(`#/entities/${encodeURIComponent(outcome.remainingEntityId)}`)),
    h(
      'section.card',
      null,
      h('h2', null, 'Judgement history'),
      entity.judgements.length
        ? table(
            null,
            ['When', 'Verdict', 'Kind', 'By', 'Between', 'Reason'],
            entity.judgements.map((j) =>
              h(
                'tr',
                null,
                h('td', null, when(j.at)),
                h('td', null, words(j.verdict)),
                h('td', null, j.kind),
                h('td', null, j.by),
                h('td', null, entityLink(j.entityA), ' / ', entityLink(j.entityB)),
                h('td', null, j.reason ?? '—'),
              ),
            ),
          )
        : h('p.muted', null, 'No analyst has judged this entity yet.'),
    ),
  );
  await drawGraph();
  return () => destroyGraph();
}
