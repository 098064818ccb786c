/**
 * E-mail addresses in the syntax mail systems accept (RFC 5321/5322 dot-atoms, with RFC 6531's
 * non-Latin letters): a local part and a domain of at least two labels. A masked address as a victim saw
 * it on a screen ("s***@gmail.com") is kept: matching treats it as partial evidence.
 */
const LOCAL_ATOM = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{2,59})$/iu;
const MASK = /[*•]/u;

const MESSAGE =
  'must be an e-mail address such as somchai.k@example.co.th (a name, @, and a domain with a dot), ' +
  'or a masked one such as s***@gmail.com';

function validLocal(local: string): boolean {
  return local.length <= 64 && local.split('.').every((atom) => LOCAL_ATOM.test(atom) || MASK.test(atom));
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  return (
    domain.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL.test(labels[labels.length - 1]!)
  );
}

export function emailProblem(raw: string): string | undefined {
  const address = raw.trim().replace(/^mailto:/iu, '');
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.length > 254) return MESSAGE;
  const [local, domain] = [address.slice(0, at), address.slice(at + 1)];
  return validLocal(local) && validDomain(domain) ? undefined : MESSAGE;
}

const WHOLE_MESSAGE =
  'must be an e-mail address written out in full, such as pim.s@hub.example (a name, @, and a domain with a dot)';

/**
 * Why an address cannot name a person who holds keys: it must reach them, so a masked address or a
 * mailto: link, which a victim's report may hold, is refused here.
 */
export function wholeEmailProblem(raw: string): string | undefined {
  return /^mailto:/iu.test(raw.trim()) || MASK.test(raw) || emailProblem(raw) ? WHOLE_MESSAGE : undefined;
}
