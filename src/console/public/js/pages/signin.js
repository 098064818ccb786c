import { ApiError, api } from '../api.js';
import { h, put } from '../dom.js';
import { homeOf } from '../roles.js';
import { saveSession } from '../session.js';

export function render(main, _params, query) {
  const input = h('input#api-key', {
    type: 'password',
    name: 'key',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'key-hint',
    spellcheck: 'false',
  });
  const error = h('p.field-error#key-error', { role: 'alert' });
  const form = h(
    'form.card',
    { novalidate: true },
    h(
      'div.field',
      null,
      h('label', { for: 'api-key' }, 'API key'),
      h(
        'p.hint#key-hint',
        null,
        'The key your hub’s administrator gave you. It is kept ' +
          'only for this browser tab and forgotten when you close it.',
      ),
      input,
      error,
    ),
    h('button', { type: 'submit' }, 'Sign in'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    const key = input.value.trim();
    if (!key) {
      error.textContent = 'Enter your API key.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    try {
      const me = await api('/me', { key });
      saveSession({
        key,
        role: me.role,
        org: me.org,
        orgName: me.orgName,
        keyId: me.keyId,
        person: me.person,
        personName: me.personName,
      });
      location.hash = homeOf(me.role);
    } catch (err) {
      error.textContent =
        err instanceof ApiError && err.status === 401 ? 'This key is not valid or has been revoked.' : err.message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  });
  put(
    main,
    h(
      'div.signin',
      null,
      h('h1', null, 'Sign in to Lantern'),
      query.get('expired')
        ? h('div.notice.warn', { role: 'status' }, 'Your key was not accepted any more; sign in again.')
        : null,
      form,
    ),
  );
  input.focus();
}
