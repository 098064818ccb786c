import { chooseDisplayName } from '../../matching/displayName';

/**
 * An entity's display name from its mentions' names (one list per mention), with a fallback that says
 * what it is when no name is well-formed. Every answer that names an entity goes through here.
 */
export function entityDisplayName(schema: string, mentionNames: ReadonlyArray<readonly string[]>): string {
  return chooseDisplayName(mentionNames, { person: schema === 'Person', fallback: `Unnamed ${schema}` });
}

/** The same when only the distinct names are known (each then counts once). */
export const displayNameOfNames = (schema: string, names: readonly string[]): string =>
  entityDisplayName(
    schema,
    names.map((n) => [n]),
  );

/** Whom a lead is about, in a word: a person or company before the accounts and handles they hold. */
export function leadTitle(subjects: ReadonlyArray<{ schema: string; displayName: string }>, fallback: string): string {
  const rank = (schema: string) =>
    schema === 'Person' ? 0 : schema === 'Company' || schema === 'Organization' ? 1 : 2;
  const first = [...subjects].sort((a, b) => rank(a.schema) - rank(b.schema))[0];
  return first?.displayName ?? fallback;
}
