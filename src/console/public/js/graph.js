import { h } from './dom.js';
import { reportVocabulary, words } from './vocabulary.js';

/*
 * The neighbourhood of an entity drawn with cytoscape (served by Lantern, loaded as window.cytoscape):
 * entities coloured by kind, the identifiers two entities share as amber diamonds between them, reported
 * relations as arrows coloured by type and open possible matches dashed. Hovering or tapping a node
 * shows its whole name; clicking an entity (or tapping it a second time on a phone) opens it.
 */

const COLOURS = {
  Person: '#0a4f9e',
  Company: '#7a4d00',
  Organization: '#6b2c91',
  BankAccount: '#1e6b34',
  UserAccount: '#a3261b',
  Address: '#4a5360',
};
const IDENTIFIER_COLOUR = '#d98e04';
const POSSIBLE_MATCH = { colour: '#a3261b', style: 'dashed' };
const SHARED = { colour: '#b08a3e', style: 'dotted' };
/** One colour per reported relation type, in the order the API lists the types. */
const RELATION_COLOURS = ['#0a4f9e', '#1e6b34', '#6b2c91', '#7a4d00', '#4a5360', '#005f73'];

/** Relation type -> colour, from the link types the API accepts (read once, from its OpenAPI document). */
const relationColours = () =>
  reportVocabulary()
    .then((v) => new Map(v.linkTypes.map((t, i) => [t, RELATION_COLOURS[i % RELATION_COLOURS.length]])))
    .catch(() => new Map());

/** Labels are written at this size on screen whatever the zoom, so a fitted large network stays legible. */
const NODE_FONT = 13;
const EDGE_FONT = 12;
const PADDING = 36;
const LONGEST_LABEL = 26;

const shorten = (label) => (label.length > LONGEST_LABEL ? `${label.slice(0, LONGEST_LABEL - 1).trimEnd()}…` : label);

function swatch(kind, colour, shape) {
  const item = h(`li.legend-${shape}`, { dataset: { kind } }, words(kind));
  item.style.setProperty('--c', colour);
  return item;
}

function edgeSwatch(kind, label, { colour, style }) {
  const item = h(`li.legend-edge.${style}`, { dataset: { edgeKind: kind } }, label);
  item.style.setProperty('--c', colour);
  return item;
}

/** What the colours, shapes and lines of the graph mean: node kinds, then every kind of edge. */
export function legend() {
  const edges = h('ul.legend-list', { 'aria-label': 'Kinds of links' });
  relationColours().then((colours) =>
    edges.prepend(...[...colours].map(([t, colour]) => edgeSwatch(t, words(t), { colour, style: 'solid' }))),
  );
  edges.append(
    edgeSwatch('POSSIBLE_MATCH', 'Possible match (open)', POSSIBLE_MATCH),
    edgeSwatch('SHARED_IDENTIFIER', 'Shares an identifier', SHARED),
  );
  return h(
    'div.legend#graph-legend',
    null,
    h(
      'ul.legend-list',
      { 'aria-label': 'Kinds of nodes' },
      Object.entries(COLOURS).map(([kind, colour]) => swatch(kind, colour, 'node')),
      swatch('Shared identifier', IDENTIFIER_COLOUR, 'identifier'),
    ),
    edges,
  );
}

/** Hops from the focus: the rings the first layout pass places nodes on before the force layout spreads them. */
function hopsFrom(focusId, edges) {
  const next = new Map();
  for (const e of edges) {
    next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
    next.set(e.target, [...(next.get(e.target) ?? []), e.source]);
  }
  const hops = new Map([[focusId, 0]]);
  const queue = [focusId];
  while (queue.length > 0) {
    const id = queue.shift();
    for (const o of next.get(id) ?? []) {
      if (!hops.has(o)) {
        hops.set(o, hops.get(id) + 1);
        queue.push(o);
      }
    }
  }
  return hops;
}

function elements(data, focusId) {
  const hops = hopsFrom(focusId, data.edges);
  return [
    ...data.nodes.map((n) => ({
      data: {
        id: n.id,
        label: shorten(n.label),
        full: n.kind === 'identifier' ? (n.title ?? n.label) : `${n.label} · ${words(n.schema ?? 'entity')}`,
        kind: n.kind,
        colour: n.kind === 'identifier' ? IDENTIFIER_COLOUR : (COLOURS[n.schema] ?? '#4a5360'),
        focus: n.id === focusId ? 1 : 0,
        hop: hops.get(n.id) ?? 9,
      },
    })),
    ...data.edges.map((e, i) => ({
      data: {
        id: `e${i}`,
        source: e.source,
        target: e.target,
        type: e.type,
        colour: '#8a94a3',
        label: e.type === 'HAS_IDENTIFIER' ? '' : e.type === 'POSSIBLE_MATCH' ? 'possible match' : words(e.type),
      },
    })),
  ];
}

/**
 * The stylesheet at zoom z: labels keep their size on screen down to 0.4, and shrink only below it, where
 * a network too large for the frame would otherwise be covered by its own labels.
 */
const styleAt = (zoom, labelWidth) => {
  const z = Math.max(zoom, 0.4);
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        label: 'data(label)',
        color: '#1b1f24',
        'font-size': NODE_FONT / z,
        'text-max-width': `${labelWidth / z}px`,
        'text-wrap': 'wrap',
        'text-valign': 'bottom',
        'text-margin-y': 4 / z,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': 1,
        width: 26,
        height: 26,
      },
    },
    {
      selector: 'node[kind = "identifier"]',
      style: {
        shape: 'diamond',
        width: 20,
        height: 20,
        'border-width': 2,
        'border-color': '#ffffff',
        color: '#5c3d00',
        'font-weight': 'bold',
      },
    },
    { selector: 'node[focus = 1]', style: { width: 40, height: 40, 'border-width': 4, 'border-color': '#f2b705' } },
    {
      selector: 'node.captioned',
      style: { 'underlay-color': '#f2b705', 'underlay-opacity': 0.35, 'underlay-padding': 6 },
    },
    {
      selector: 'edge',
      style: {
        width: 2.5,
        'line-color': 'data(colour)',
        'target-arrow-color': 'data(colour)',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 1.1,
        'curve-style': 'bezier',
        label: 'data(label)',
        color: '#1b1f24',
        'font-size': EDGE_FONT / z,
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': 2,
      },
    },
    {
      selector: 'edge[type = "POSSIBLE_MATCH"]',
      style: {
        'line-style': POSSIBLE_MATCH.style,
        'line-color': POSSIBLE_MATCH.colour,
        'target-arrow-shape': 'none',
        color: POSSIBLE_MATCH.colour,
      },
    },
    {
      selector: 'edge[type = "HAS_IDENTIFIER"]',
      style: { width: 2, 'line-style': SHARED.style, 'line-color': SHARED.colour, 'target-arrow-shape': 'none' },
    },
  ];
};

/**
 * @param {HTMLElement} container
 * @param {{nodes: Array<{id: string, kind: string, schema?: string, label: string, title?: string}>,
 *   edges: Array<{source: string, target: string, type: string}>}} data
 * @param {string} focusId the entity the page is about
 * @param {(id: string) => void} open
 */
export function drawNeighbourhood(container, data, focusId, open) {
  if (!window.cytoscape) {
    container.append(h('p.muted', null, 'The graph library did not load; the lists below hold the same network.'));
    return () => undefined;
  }
  // A phone's frame gets shorter edges and narrower labels, so that fitting it zooms out less.
  const narrow = container.clientWidth < 600;
  const labelWidth = narrow ? 90 : 130;
  const caption = h('div.graph-caption', { 'aria-hidden': 'true', hidden: true });
  const cy = window.cytoscape({
    container,
    elements: elements(data, focusId),
    style: styleAt(1, labelWidth),
    // A lone node would otherwise be zoomed to fill the box; keep nodes at a readable size.
    minZoom: 0.2,
    maxZoom: 1.6,
    wheelSensitivity: 0.3,
  });
  container.append(caption);
  // Restyled once per frame at most while zooming: a fitted network of fifty stays as legible as one of three.
  let restyle = 0;
  const keepLabelsLegible = () => {
    cancelAnimationFrame(restyle);
    restyle = requestAnimationFrame(() => cy.style().fromJson(styleAt(cy.zoom(), labelWidth)).update());
  };
  const fitToFrame = () => {
    cy.resize();
    cy.fit(undefined, PADDING);
    keepLabelsLegible();
  };
  // Rings around the focus first, so that the force layout starts untangled and ends the same each time.
  const maxHop = Math.max(...cy.nodes().map((n) => n.data('hop')));
  cy.layout({
    name: 'concentric',
    concentric: (n) => maxHop - n.data('hop'),
    levelWidth: () => 1,
    minNodeSpacing: 40,
    animate: false,
  }).run();
  const force = cy.layout({
    name: 'cose',
    animate: false,
    randomize: false,
    nodeDimensionsIncludeLabels: true,
    idealEdgeLength: () => (narrow ? 60 : 110),
    nodeRepulsion: () => (narrow ? 40000 : 90000),
    nodeOverlap: 24,
    gravity: 0.4,
    numIter: 1500,
    padding: PADDING,
  });
  force.one('layoutstop', () => {
    fitToFrame();
    container.dataset.laidOut = 'true';
  });
  force.run();
  cy.on('zoom', keepLabelsLegible);
  relationColours().then((colours) => {
    if (cy.destroyed()) return;
    cy.edges().forEach((e) => {
      if (colours.has(e.data('type'))) e.data('colour', colours.get(e.data('type')));
    });
  });

  let captioned = null;
  const showCaption = (node) => {
    cy.nodes('.captioned').removeClass('captioned');
    node.addClass('captioned');
    captioned = node.id();
    caption.textContent = node.data('full');
    caption.hidden = false;
  };
  cy.on('mouseover', 'node', (e) => showCaption(e.target));
  cy.on('mouseout', 'node', () => {
    caption.hidden = true;
  });
  cy.on('tap', (e) => {
    if (e.target === cy) {
      cy.nodes('.captioned').removeClass('captioned');
      captioned = null;
      caption.hidden = true;
    }
  });
  cy.on('tap', 'node', (e) => {
    const node = e.target;
    if (captioned === node.id() && node.data('kind') === 'entity' && node.id() !== focusId) open(node.id());
    else showCaption(node);
  });

  const resized = new ResizeObserver(() => fitToFrame());
  resized.observe(container);
  return () => {
    cancelAnimationFrame(restyle);
    resized.disconnect();
    cy.destroy();
  };
}
