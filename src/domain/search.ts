import { z } from 'zod';
import { SubjectSchema } from './ftm';
import { TYING_IDENTIFIER_KINDS } from './leads';
import { CountryCodeSchema } from './report';

/*
 * "Do we know this?": an analyst's search over the graph by name or identifier, and its answer.
 */

export const MAX_SEARCH_RESULTS = 100;

export const SearchQuery = z.object({
  q: z
    .string({ message: 'is required: a name, phone, account, IBAN, e-mail, handle or registration number' })
    .trim()
    .min(1, { message: 'must not be empty', abort: true })
    .max(200, { message: 'must be at most 200 characters' })
    .regex(/[\p{L}\p{N}]/u, { message: 'must contain a letter or a digit' }),
  schema: SubjectSchema.optional().describe('only entities of this schema'),
  country: CountryCodeSchema.optional().describe(
    'only entities reported in this country; also the region a phone written nationally is read in',
  ),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(MAX_SEARCH_RESULTS, { message: `must be at most ${MAX_SEARCH_RESULTS}` })
    .default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** What a hit matched: a name, or an identifier of one of the kinds that tie reports together. */
export const MatchedKind = z.enum(['name', ...TYING_IDENTIFIER_KINDS]);

export const SearchMatched = z.object({
  kind: MatchedKind,
  value: z.string().describe('the name that matched, or the identifier as normalised (E.164 for phones)'),
  exact: z.boolean().describe('an identifier equal once normalised; false for names and masked or partial forms'),
});
export type SearchMatched = z.infer<typeof SearchMatched>;

const Count = z.number().int().min(0);

export const SearchResult = z.object({
  entityId: z.string(),
  name: z.string().describe("the entity's name as reported"),
  schema: SubjectSchema,
  score: z.number().min(0).max(1).describe("the matcher's score of the query against the entity's best mention"),
  matched: SearchMatched,
  explanation: z.array(z.string()).describe("the score's features as sentences, strongest first"),
  reports: Count,
  organisations: Count,
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchAnswer = z.object({ results: z.array(SearchResult).describe('best score first') });
export type SearchAnswer = z.infer<typeof SearchAnswer>;
