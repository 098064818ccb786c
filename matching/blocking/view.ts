/**
 * What blocking reads from a prepared record: the matching library's own normalised tokens and
 * phonetic codes, so that keys and scores see names the same way and nothing is normalised twice.
 */
import type { BirthDate, PreparedRecord, PreparedToken } from '../prepared';
import type { BlockingToken, BlockingView } from './builders';
import { foldAddress } from './valueKeys';

const ADDRESS_PROPERTIES = ['address', 'full'] as const;

/** The regional key first (romanisation variants), then Double Metaphone's (Western spellings). */
function blockingToken(token: PreparedToken): BlockingToken {
  const [metaphone] = token.metaphone;
  return {
    text: token.text,
    codes: metaphone && metaphone !== token.sea ? [token.sea, metaphone] : [token.sea],
    skeleton: token.skeleton,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO prefix of what is known: "1971", "1971-06" or "1971-06-24". */
const isoDate = (d: BirthDate): string =>
  [
    String(d.year),
    ...(d.month === undefined ? [] : [pad(d.month)]),
    ...(d.month === undefined || d.day === undefined ? [] : [pad(d.day)]),
  ].join('-');

export function blockingView(prepared: PreparedRecord): BlockingView {
  const addresses = ADDRESS_PROPERTIES.flatMap((p) => prepared.record.properties[p] ?? []);
  return {
    names: prepared.names.map((name) => name.tokens.map(blockingToken)),
    identifiers: prepared.identifiers,
    birthDates: prepared.birthDates.map(isoDate),
    addresses: [...new Set(addresses.map(foldAddress).filter(Boolean))],
  };
}
