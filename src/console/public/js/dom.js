/*
 * A tiny element builder. Every text goes in through textContent, never innerHTML: names typed by
 * caseworkers reach analysts' screens, and must never run as markup.
 */

import { formatDate } from './format.js';

/**
 * @param {string} tag e.g. 'button.secondary#go'
 * @param {Record<string, unknown> | null} [attrs] attributes; `on*` functions become listeners
 * @param {...(Node|string|number|null|undefined|false|Array<any>)} children
 */
export function h(tag, attrs, ...children) {
  const [name, ...rest] = tag.split(/(?=[.#])/);
  const el = document.createElement(name);
  for (const part of rest) {
    if (part.startsWith('.')) el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Appends children, skipping null, undefined and false (Element.append would write them as text). */
export function put(el, ...children) {
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** A date or timestamp in the console's one format (format.js); the ISO value stays in the title. */
export function when(iso) {
  if (!iso) return h('span.muted', null, '—');
  return h('time', { datetime: iso, title: iso }, formatDate(iso));
}

/** A count on a card, with what it counts (a link when there is a page behind it). */
export function stat(label, value, href) {
  return h('div.stat', null, h('span.value', null, value), href ? h('a', { href }, label) : h('span', null, label));
}

export function badge(text, tone) {
  return h(`span.badge${tone ? `.${tone}` : ''}`, null, text);
}

/** A table with a caption, scrolling sideways on a phone rather than squeezing. */
export function table(caption, headers, rows) {
  return h(
    'div.table-wrap',
    null,
    h(
      'table',
      null,
      caption ? h('caption', null, caption) : null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
}

let toastTimer;
/** A short message read out by screen readers (role=status). */
export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.textContent = ''), 6000);
}

/** Renders an error where the page's content would have been. */
export function errorNotice(err) {
  return h(
    'div.notice.bad',
    { role: 'alert' },
    h('strong', null, 'Something went wrong: '),
    err?.message ?? String(err),
  );
}

export function entityLink(id, label) {
  return h('a', { href: `#/entities/${encodeURIComponent(id)}` }, label ?? id);
}

export function reportLink(id, label) {
  return h('a', { href: `#/reports/${encodeURIComponent(id)}` }, label ?? id);
}
