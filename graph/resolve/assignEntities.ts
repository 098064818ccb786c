/**
 * Which entity id each recomputed component carries. Pure, so that the rule is stated once and tested
 * on its own:
 *
 * - An existing entity keeps its id in the component that holds most of its mentions (ties: the
 *   component whose first mention sorts first); an id is never given to two components.
 * - When several entities meet in one component (a merge), the one contributing most mentions
 *   survives (ties: the smallest id); the others become tombstones pointing at a survivor.
 * - A component that no existing entity can name (a split-off part) gets a fresh id.
 * - An anchor (entity id -> one of its mentions) overrides the majority: an analyst who moves mentions
 *   out of an entity expects the rest to keep its id, however few they are.
 */
export interface Assignment {
  /** entity id per component, in the order of `components`. */
  componentIds: string[];
  /** Components whose id is new. */
  created: Array<{ component: number; id: string }>;
  /** Entities that no longer name a component, and where their mentions mostly went. */
  tombstones: Array<{ id: string; mergedInto: string }>;
}

const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

export function assignEntities(
  components: readonly (readonly string[])[],
  currentEntity: ReadonlyMap<string, string>,
  newId: () => string,
  anchors: ReadonlyMap<string, string> = new Map(),
): Assignment {
  const overlaps: Array<{ entity: string; component: number; count: number }> = [];
  components.forEach((members, component) => {
    const counts = new Map<string, number>();
    for (const mention of members) {
      const entity = currentEntity.get(mention);
      if (entity) counts.set(entity, (counts.get(entity) ?? 0) + 1);
    }
    for (const [entity, count] of counts) overlaps.push({ entity, component, count });
  });
  overlaps.sort(
    (p, q) =>
      q.count - p.count ||
      byText(p.entity, q.entity) ||
      byText(components[p.component]![0]!, components[q.component]![0]!),
  );

  const componentIds: Array<string | undefined> = components.map(() => undefined);
  const named = new Set<string>();
  for (const [entity, mention] of [...anchors].sort((p, q) => byText(p[0], q[0]))) {
    const component = components.findIndex((members) => members.includes(mention));
    if (component < 0 || componentIds[component] !== undefined) continue;
    componentIds[component] = entity;
    named.add(entity);
  }
  for (const { entity, component } of overlaps) {
    if (componentIds[component] !== undefined || named.has(entity)) continue;
    componentIds[component] = entity;
    named.add(entity);
  }
  const created: Assignment['created'] = [];
  const ids = componentIds.map((id, component) => {
    if (id !== undefined) return id;
    const fresh = newId();
    created.push({ component, id: fresh });
    return fresh;
  });

  const tombstones: Assignment['tombstones'] = [];
  const seen = new Set<string>();
  for (const { entity, component } of overlaps) {
    if (named.has(entity) || seen.has(entity)) continue;
    seen.add(entity);
    tombstones.push({ id: entity, mergedInto: ids[component]! });
  }
  return { componentIds: ids, created, tombstones: tombstones.sort((p, q) => byText(p.id, q.id)) };
}
