import type { Identifier, IdentifierKind } from './types';

/** Shorter codes collide by chance across registries. */
const MIN_STRONG_CODE_LENGTH = 5;

/** Registration and identity-document numbers are written with any grouping; only the characters count. */
const foldCode = (raw: string): string =>
  raw
    .normalize('NFKC')
    .replace(/[\s\-./_]+/gu, '')
    .toUpperCase();

export const codeNormalizer =
  (kind: Extract<IdentifierKind, 'registration' | 'idNumber'>) =>
  (raw: string): Identifier | undefined => {
    const value = foldCode(raw);
    if (!value) return undefined;
    return { kind, value, strength: value.length >= MIN_STRONG_CODE_LENGTH ? 'strong' : 'partial' };
  };
