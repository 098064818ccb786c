import type { Browser, Page } from 'playwright-core';
import {
  type ConsoleBrowser,
  closeExpectingNoProblems,
  goTo,
  launchChromium,
  openConsole,
  screenshot,
  signIn,
  type ViewportName,
} from '../support/browser';
import { startConsoleStack } from '../support/consoleStack';
import { type TestStack, untilProcessed } from '../support/stack';

/*
 * The network graph of an entity in real Chromium against the real API, Neo4j, Redis and workers: a recruiter
 * who directs a company, owns an account and shares a phone with a woman another NGO reported. The graph must
 * fit its frame at a laptop's and a phone's size, keep its labels legible and apart, say what its edges mean,
 * and show the shared phone as such. Invented names only.
 */

type Stack = TestStack & { stop(): Promise<void> };

const COMPANY = 'Siam Rungrueang Manpower Recruitment Services Co Ltd';

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  w: number;
  h: number;
}
interface DrawnNode {
  id: string;
  kind: string;
  label: string;
  fontPx: number;
  /** The node with its label, in pixels of the graph's frame. */
  box: Box;
  /** The label alone. */
  labelBox: Box;
  at: { x: number; y: number };
}
interface Drawn {
  width: number;
  height: number;
  nodes: DrawnNode[];
  all: Box;
}

/** The little of cytoscape and the DOM the function run in the page reads (the tests compile without the DOM). */
interface InPage {
  document: { querySelector(selector: string): { _cyreg: { cy: CyCore } } };
  requestAnimationFrame(f: () => void): void;
}
interface CyNode {
  id(): string;
  data(key: string): string;
  renderedStyle(key: string): string;
  renderedPosition(): { x: number; y: number };
  renderedBoundingBox(options: Record<string, boolean>): Box;
}
interface CyCore {
  width(): number;
  height(): number;
  nodes(): { map<T>(f: (n: CyNode) => T): T[] };
  getElementById(id: string): CyNode;
  elements(): { renderedBoundingBox(options: Record<string, boolean>): Box };
}

/** Positions and sizes as cytoscape drew them, read after the frame in which labels are restyled for the zoom. */
async function drawn(page: Page): Promise<Drawn> {
  await page.locator('#entity-graph[data-laid-out="true"]').waitFor();
  return page.evaluate(
    () =>
      new Promise<Drawn>((resolve) => {
        const g = globalThis as unknown as InPage;
        const read = () => {
          const cy = g.document.querySelector('#entity-graph')._cyreg.cy;
          resolve({
            width: cy.width(),
            height: cy.height(),
            all: cy.elements().renderedBoundingBox({ includeLabels: true }),
            nodes: cy.nodes().map((n) => ({
              id: n.id(),
              kind: n.data('kind'),
              label: n.data('label'),
              fontPx: Number.parseFloat(n.renderedStyle('font-size')),
              box: n.renderedBoundingBox({ includeLabels: true }),
              labelBox: n.renderedBoundingBox({ includeNodes: false, includeLabels: true }),
              at: n.renderedPosition(),
            })),
          });
        };
        g.requestAnimationFrame(() => g.requestAnimationFrame(read));
      }),
  );
}

/**
 * Points at a node where it is drawn now and waits for its caption. The frame may be refitted after the
 * first reading (a resize, a late font), so the position is read again on each attempt.
 */
async function hoverShows(page: Page, nodeId: string, caption: string): Promise<void> {
  const shown = page.locator('.graph-caption', { hasText: caption });
  for (let attempt = 1; ; attempt++) {
    const frame = (await page.locator('#entity-graph').boundingBox())!;
    const at = await page.evaluate((id) => {
      const g = globalThis as unknown as InPage;
      const cy = g.document.querySelector('#entity-graph')._cyreg.cy;
      return cy.getElementById(id).renderedPosition();
    }, nodeId);
    await page.mouse.move(frame.x + 1, frame.y + 1);
    await page.mouse.move(frame.x + at.x, frame.y + at.y, { steps: 4 });
    try {
      await shown.waitFor({ timeout: 3000 });
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

/** How much of the smaller of two boxes the other covers (0 when they do not touch). */
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min(a.w * a.h, b.w * b.h);
}

describe('the console: the network graph of an entity', () => {
  let stack: Stack;
  let browser: Browser;
  let analyst: string;
  let recruiter: string;
  const opened: ConsoleBrowser[] = [];

  const open = async (viewport: ViewportName) => {
    const c = await openConsole(browser, stack.url, viewport);
    opened.push(c);
    return c;
  };

  beforeAll(async () => {
    stack = await startConsoleStack('console-graph');
    browser = await launchChromium();
    analyst = await stack.keyFor('analyst', 'hub');
    const ngoA = await stack.keyFor('caseworker', 'th-ngo-a');
    const ngoB = await stack.keyFor('caseworker', 'th-ngo-b');
    const submit = async (key: string, json: unknown) => {
      const res = await stack.call('/api/v1/reports', { method: 'POST', key, json });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      await untilProcessed(stack, id, key);
      return id;
    };
    const first = await submit(ngoA, {
      caseRef: 'TH-NET-1',
      country: 'TH',
      subjects: [
        {
          ref: 'p1',
          schema: 'Person',
          role: 'Exploiter',
          properties: { name: ['Somchai Kittisak'], phone: ['081-234-5678'] },
        },
        { ref: 'c1', schema: 'Company', properties: { name: [COMPANY] } },
        {
          ref: 'a1',
          schema: 'BankAccount',
          properties: { accountNumber: ['123-4-56789-0'], bankName: ['Kasikornbank'] },
        },
        { ref: 'p2', schema: 'Person', properties: { name: ['Nattapong Srisuk'] } },
      ],
      links: [
        { type: 'Directorship', from: 'p1', to: 'c1' },
        { type: 'Ownership', from: 'p1', to: 'a1' },
        { type: 'Employment', from: 'c1', to: 'p2' },
      ],
    });
    await submit(ngoB, {
      caseRef: 'TH-NET-2',
      country: 'TH',
      subjects: [
        { ref: 'p1', schema: 'Person', properties: { name: ['Arunee Chaiyaporn'], phone: ['+66 81 234 5678'] } },
        { ref: 'p2', schema: 'Person', properties: { name: ['Kanya Boonmee'] } },
      ],
      links: [{ type: 'Associate', from: 'p1', to: 'p2' }],
    });
    const report = (await (await stack.call(`/api/v1/reports/${first}`, { key: analyst })).json()) as {
      subjects: Array<{ ref: string; entityId: string }>;
    };
    recruiter = report.subjects.find((s) => s.ref === 'p1')!.entityId;
  });

  afterEach(() => closeExpectingNoProblems(opened));

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('lists in its legend every kind of node and edge, shared identifiers included', async () => {
    const { page } = await open('desktop');
    await signIn(page, analyst);
    await goTo(page, `#/entities/${recruiter}`);
    const legend = page.locator('#graph-legend');
    await legend.locator('[data-edge-kind="Ownership"]').waitFor();
    expect(await legend.locator('[data-edge-kind]').allTextContents()).toEqual([
      'Ownership',
      'Directorship',
      'Employment',
      'Associate',
      'Unknown link',
      'Possible match (open)',
      'Shares an identifier',
    ]);
    expect(await legend.locator('[data-kind]').allTextContents()).toEqual(
      expect.arrayContaining(['Person', 'Company', 'Bank account', 'Shared identifier']),
    );
  });

  it.each(['desktop', 'phone'] as const)(
    'fits the network in its frame on a %s, labels legible and apart, the shared phone shown as a phone',
    async (viewport) => {
      const { page } = await open(viewport);
      await signIn(page, analyst);
      await goTo(page, `#/entities/${recruiter}`);
      const graph = await drawn(page);

      // The company, the account and its employee around the recruiter; the woman sharing his phone, her associate.
      expect(graph.nodes.filter((n) => n.kind === 'entity')).toHaveLength(6);
      const phone = graph.nodes.filter((n) => n.kind === 'identifier');
      expect(phone.map((n) => n.label)).toEqual(['phone ·5678']);
      for (const n of graph.nodes) {
        expect(n.box.x1).toBeGreaterThanOrEqual(0);
        expect(n.box.y1).toBeGreaterThanOrEqual(0);
        expect(n.box.x2).toBeLessThanOrEqual(graph.width);
        expect(n.box.y2).toBeLessThanOrEqual(graph.height);
        expect(n.fontPx).toBeGreaterThanOrEqual(11);
      }
      // Spread over the frame rather than bunched in its middle.
      expect(Math.max(graph.all.w / graph.width, graph.all.h / graph.height)).toBeGreaterThan(0.6);
      const crowded = graph.nodes.flatMap((a, i) =>
        graph.nodes
          .slice(i + 1)
          .filter((b) => overlap(a.labelBox, b.labelBox) > 0.2)
          .map((b) => [a.label, b.label]),
      );
      expect(crowded).toEqual([]);

      // A long name is shortened on the node and whole on hover.
      const company = graph.nodes.find((n) => n.label.startsWith('Siam Rungrueang'))!;
      expect(company.label.endsWith('…')).toBe(true);
      await page.locator('#entity-graph').scrollIntoViewIfNeeded();
      await hoverShows(page, company.id, `${COMPANY} · Company`);
      await hoverShows(page, phone[0]!.id, 'phone: +66812345678');
      await screenshot(page, `graph-${viewport}`);
    },
  );
});
