/**
 * The key under which a shared value is filed: the blocking key of a strong identifier (`id:…`) or of
 * an address as written (`addr:…`). One spelling for blocking, for the generic-value rule and for the
 * graph's key nodes, so that "this value is generic" means the same everywhere.
 */
import { type Identifier, identifierKey } from '../identifiers';
import { foldToken } from '../normalize/basic';
import { tokenize } from '../normalize/tokens';

export const IDENTIFIER_KEY_PREFIX = 'id';
export const ADDRESS_KEY_PREFIX = 'addr';

/** An address folded to lower-case words separated by single spaces. */
export const foldAddress = (address: string): string => tokenize(address).map(foldToken).join(' ');

export const identifierValueKey = (id: Identifier): string => `${IDENTIFIER_KEY_PREFIX}:${identifierKey(id)}`;

export const addressValueKey = (folded: string): string => `${ADDRESS_KEY_PREFIX}:${folded}`;

/**
 * Keys of shared values (strong identifiers, addresses as written): the graph keeps them as
 * (:BlockingKey) nodes, as genericity, decisions through a value and leads reason about them; name
 * keys live in the candidate index only.
 */
export const isValueKey = (key: string): boolean =>
  key.startsWith(`${IDENTIFIER_KEY_PREFIX}:`) || key.startsWith(`${ADDRESS_KEY_PREFIX}:`);
