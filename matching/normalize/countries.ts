/**
 * Country values to ISO 3166-1 alpha-2: codes pass through; names and demonyms of the region's
 * countries, and of common origin and destination countries, are recognised whole.
 */

const NAMES: Readonly<Record<string, string>> = {
  TH: 'thailand|thai|siam',
  VN: 'vietnam|viet nam|vietnamese',
  KH: 'cambodia|cambodian|kampuchea|khmer',
  MM: 'myanmar|burma|burmese',
  LA: 'laos|lao|lao pdr|laotian',
  MY: 'malaysia|malaysian',
  SG: 'singapore|singaporean',
  ID: 'indonesia|indonesian',
  PH: 'philippines|philippine|filipino',
  CN: 'china|chinese|prc|peoples republic of china',
  HK: 'hong kong',
  TW: 'taiwan|taiwanese',
  KR: 'south korea|korea|republic of korea|korean',
  KP: 'north korea|dprk',
  JP: 'japan|japanese',
  IN: 'india|indian',
  BD: 'bangladesh|bangladeshi',
  NP: 'nepal|nepali|nepalese',
  LK: 'sri lanka|sri lankan',
  PK: 'pakistan|pakistani',
  TL: 'timor leste|east timor|timorese',
  BN: 'brunei|bruneian',
  AE: 'united arab emirates|uae|emirati',
  SA: 'saudi arabia|saudi',
  QA: 'qatar|qatari',
  KW: 'kuwait|kuwaiti',
  RU: 'russia|russian federation|russian',
  UA: 'ukraine|ukrainian',
  US: 'united states|usa|united states of america|american',
  GB: 'united kingdom|uk|great britain|british',
  AU: 'australia|australian',
  NZ: 'new zealand',
  DE: 'germany|german',
  FR: 'france|french',
  TR: 'turkey|turkiye|turkish',
};

const BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(NAMES).flatMap(([code, names]) => names.split('|').map((name) => [name, code] as const)),
);

export function normalizeCountry(raw: string): string | undefined {
  const text = raw.trim();
  if (/^[A-Za-z]{2}$/u.test(text)) return text.toUpperCase();
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]/gu, '')
    .replace(/[^a-z]+/gu, ' ')
    .trim();
  return BY_NAME.get(words);
}
