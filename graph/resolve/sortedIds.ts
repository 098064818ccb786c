/** Ids without repeats, in one fixed order (locks are taken and writes batched in it). */
export const sortedIds = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();
