import { h } from './dom.js';

/*
 * Places the API's 400 issues next to the fields they name. Form controls carry `data-path` with the
 * API's dotted path (subjects.0.properties.phone); an issue goes to the deepest element whose path is
 * a prefix of its own, so "subjects.0.properties.phone.1" lands on the phone field of subject 1.
 */

export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error[data-for]')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.has-error')) el.classList.remove('has-error');
  form.querySelector('.error-summary')?.remove();
}

function target(form, path) {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const el = form.querySelector(`[data-path="${CSS.escape(parts.slice(0, n).join('.'))}"]`);
    if (el) return el;
  }
  return undefined;
}

function labelOf(el) {
  if (el.tagName === 'FIELDSET' || el.dataset.group)
    return el.querySelector('legend, h3')?.textContent ?? el.dataset.path;
  return (el.id && el.ownerDocument.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent) || el.dataset.path;
}

let seq = 0;

/**
 * Shows every issue where it belongs, plus a summary at the top that links to each field.
 * @param {HTMLFormElement} form
 * @param {Array<{path: string, message: string}>} issues
 * @param {string} heading
 */
export function showErrors(form, issues, heading) {
  clearErrors(form);
  const items = [];
  for (const issue of issues) {
    const el = target(form, issue.path) ?? form;
    seq += 1;
    const id = `err-${seq}`;
    const message = h('p.field-error', { id, dataset: { for: issue.path } }, issue.message);
    const isControl = el.matches('input, select, textarea');
    if (isControl) {
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', [el.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
      el.closest('.field, .prop-row')?.append(message);
    } else if (el !== form) {
      el.classList.add('has-error');
      const anchor = el.querySelector(':scope > legend, :scope > h3');
      if (anchor) anchor.after(message);
      else el.prepend(message);
    }
    const where = el === form ? issue.path || 'The report' : labelOf(el);
    items.push(
      h(
        'li',
        null,
        h(
          'a',
          {
            href: '#',
            onclick: (e) => {
              e.preventDefault();
              (isControl ? el : (el.querySelector('input, select, textarea') ?? el)).focus();
            },
          },
          `${where}: ${issue.message}`,
        ),
      ),
    );
  }
  const summary = h(
    'div.error-summary',
    { role: 'alert', tabindex: '-1' },
    h('h2', null, heading),
    h('ul', null, items),
  );
  form.prepend(summary);
  summary.focus();
}
