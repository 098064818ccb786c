import type { Identifier, IdentifierContext } from './types';

const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/u;
/** Masked e-mails ("s***@gmail.com") are what a victim saw on a screen, not an address. */
const EMAIL_MASK = /[*•#]/u;

/**
 * Lower-cased and trimmed. Provider-specific folding (Gmail dots, "+tags") is left out on purpose: it
 * would only add recall for one provider, and a wrong fold merges two people's mailboxes.
 */
export function normalizeEmail(raw: string): Identifier | undefined {
  const value = raw
    .trim()
    .replace(/^mailto:/iu, '')
    .toLowerCase();
  if (!value) return undefined;
  const strong = EMAIL_SHAPE.test(value) && !EMAIL_MASK.test(value);
  return { kind: 'email', value, strength: strong ? 'strong' : 'partial' };
}

/** How caseworkers name services, folded to one name each. */
const SERVICE_ALIASES: Readonly<Record<string, string>> = {
  tg: 'telegram',
  'telegram messenger': 'telegram',
  fb: 'facebook',
  'facebook messenger': 'facebook',
  messenger: 'facebook',
  ig: 'instagram',
  insta: 'instagram',
  x: 'twitter',
  'line id': 'line',
  'line app': 'line',
  wa: 'whatsapp',
  'whats app': 'whatsapp',
  'we chat': 'wechat',
  weixin: 'wechat',
  'tik tok': 'tiktok',
};

/** Profile links and deep links, each with the service it belongs to; group 1 is the handle. */
const HANDLE_URLS: ReadonlyArray<{ service: string; pattern: RegExp }> = [
  { service: 'telegram', pattern: /^(?:https?:\/\/)?(?:www\.)?(?:t|telegram)\.(?:me|dog)\/(?:s\/)?@?([^/?#\s]+)/iu },
  { service: 'telegram', pattern: /^tg:\/\/resolve\?domain=([^&#\s]+)/iu },
  { service: 'facebook', pattern: /^(?:https?:\/\/)?(?:www\.|m\.|web\.)?(?:facebook|fb)\.com\/([^/?#\s]+)/iu },
  { service: 'instagram', pattern: /^(?:https?:\/\/)?(?:www\.)?instagram\.com\/([^/?#\s]+)/iu },
  { service: 'tiktok', pattern: /^(?:https?:\/\/)?(?:www\.)?tiktok\.com\/@([^/?#\s]+)/iu },
  { service: 'twitter', pattern: /^(?:https?:\/\/)?(?:www\.)?(?:twitter|x)\.com\/([^/?#\s]+)/iu },
  { service: 'line', pattern: /^(?:https?:\/\/)?line\.me\/(?:r\/)?(?:ti\/p\/)?~?@?([^/?#\s]+)/iu },
  { service: 'whatsapp', pattern: /^(?:https?:\/\/)?wa\.me\/\+?([^/?#\s]+)/iu },
  { service: 'zalo', pattern: /^(?:https?:\/\/)?zalo\.me\/([^/?#\s]+)/iu },
];

function foldService(service: string | undefined): string | undefined {
  const folded = service?.trim().toLowerCase().replace(/\s+/gu, ' ');
  if (!folded) return undefined;
  return SERVICE_ALIASES[folded] ?? folded;
}

function splitHandle(raw: string): { service?: string; handle: string } {
  const text = raw.trim();
  for (const { service, pattern } of HANDLE_URLS) {
    const handle = pattern.exec(text)?.[1];
    if (handle) return { service, handle };
  }
  return { handle: text };
}

/**
 * Handles compare case-insensitively within one service, leading "@" ignored. The same handle on two
 * services can be two people, so a handle with no service is only partial evidence.
 */
export function normalizeUsername(raw: string, ctx: IdentifierContext): Identifier | undefined {
  const { service: urlService, handle } = splitHandle(raw);
  const value = handle
    .replace(/^[@~]+/u, '')
    .replace(/\/+$/u, '')
    .toLowerCase();
  if (!value) return undefined;
  const service = urlService ?? foldService(ctx.service);
  return service
    ? { kind: 'username', value, strength: 'strong', service }
    : { kind: 'username', value, strength: 'partial' };
}
