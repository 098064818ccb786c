import type { ManagedTransaction } from 'neo4j-driver';

/** A value key whose generic state changed, with the holders whose pairs must be decided again. */
export interface GenericFlip {
  key: string;
  generic: boolean;
  holders: string[];
}

/** Records the generic state of value keys on their BlockingKey nodes. */
export async function markGeneric(tx: ManagedTransaction, flips: readonly GenericFlip[]): Promise<void> {
  if (flips.length === 0) return;
  await tx.run('UNWIND $flips AS f MATCH (k:BlockingKey {key: f.key}) SET k.generic = f.generic', {
    flips: flips.map((f) => ({ key: f.key, generic: f.generic })),
  });
}
