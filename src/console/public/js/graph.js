import { h } from './dom.js';

/*
 * The neighbourhood of an entity drawn with cytoscape (served by Lantern, loaded as window.cytoscape):
 * entities coloured by kind, shared identifiers as small diamonds, reported relations as solid edges
 * and open possible matches dashed. Selecting an entity node opens it.
 */

const COLOURS = {
  Person: '#0a4f9e',
  Company: '#7a4d00',
  Organization: '#6b2c91',
  BankAccount: '#1e6b34',
  UserAccount: '#a3261b',
  Address: '#4a5360',
};

export function legend() {
  return h(
    'div.legend',
    { 'aria-hidden': 'true' },
    Object.entries(COLOURS).map(([kind, colour]) => {
      const item = h('span', null, kind);
      item.style.setProperty('--c', colour);
      return item;
    }),
  );
}

/**
 * @param {HTMLElement} container
 * @param {{nodes: Array<{id: string, kind: string, schema?: string, label: string}>,
 *   edges: Array<{source: string, target: string, type: string}>}} data
 * @param {string} focusId the entity the page is about
 * @param {(id: string) => void} open
 */
export function drawNeighbourhood(container, data, focusId, open) {
  if (!window.cytoscape) {
    container.append(h('p.muted', null, 'The graph library did not load; the lists below hold the same network.'));
    return () => undefined;
  }
  const cy = window.cytoscape({
    container,
    elements: [
      ...data.nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.label,
          kind: n.kind,
          colour: COLOURS[n.schema] ?? '#4a5360',
          focus: n.id === focusId ? 1 : 0,
        },
      })),
      ...data.edges.map((e, i) => ({
        data: {
          id: `e${i}`,
          source: e.source,
          target: e.target,
          type: e.type,
          label: e.type === 'HAS_IDENTIFIER' ? '' : e.type.replace('_', ' ').toLowerCase(),
        },
      })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          label: 'data(label)',
          color: '#1b1f24',
          'font-size': 16,
          'text-wrap': 'ellipsis',
          'text-max-width': 180,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          width: 26,
          height: 26,
        },
      },
      {
        selector: 'node[kind = "identifier"]',
        style: {
          shape: 'diamond',
          width: 14,
          height: 14,
          'background-color': '#8a94a3',
          'font-size': 12,
          color: '#4a5360',
        },
      },
      { selector: 'node[focus = 1]', style: { width: 40, height: 40, 'border-width': 4, 'border-color': '#f2b705' } },
      {
        selector: 'edge',
        style: {
          width: 2,
          'line-color': '#8a94a3',
          'curve-style': 'bezier',
          label: 'data(label)',
          'font-size': 12,
          color: '#4a5360',
          'text-rotation': 'autorotate',
        },
      },
      { selector: 'edge[type = "POSSIBLE_MATCH"]', style: { 'line-style': 'dashed', 'line-color': '#a3261b' } },
      { selector: 'edge[type = "HAS_IDENTIFIER"]', style: { width: 1, 'line-color': '#b9c1cb' } },
    ],
    layout: { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true },
    // A lone node would otherwise be zoomed to fill the box; keep nodes at a readable size.
    minZoom: 0.2,
    maxZoom: 1.5,
    wheelSensitivity: 0.3,
  });
  cy.on('tap', 'node[kind = "entity"]', (e) => {
    const id = e.target.id();
    if (id !== focusId) open(id);
  });
  return () => cy.destroy();
}
