import { clear, errorNotice, h } from './dom.js';
import { searchBox } from './pages/search.js';
import { homeOf } from './roles.js';
import { currentSession, endSession } from './session.js';

/*
 * The console's router: one page per `#/path`, each page a module loaded when first visited. A page
 * exports `render(main, params, query)` and may return a function that stops what it started
 * (keyboard shortcuts, polling, charts) when the analyst leaves.
 */

const PAGES = [
  { path: 'signin', module: 'signin', roles: null, title: 'Sign in' },
  { path: 'dashboard', module: 'dashboard', roles: ['analyst', 'admin'], title: 'Dashboard', nav: 'Dashboard' },
  { path: 'review', module: 'review', roles: ['analyst'], title: 'Review queue', nav: 'Review queue' },
  { path: 'entities/:id', module: 'entity', roles: ['analyst'], title: 'Entity' },
  { path: 'search', module: 'search', roles: ['analyst', 'admin'], title: 'Search' },
  { path: 'leads', module: 'leads', roles: ['analyst'], title: 'Leads', nav: 'Leads' },
  { path: 'leads/:id', module: 'lead', roles: ['analyst'], title: 'Lead' },
  { path: 'findings', module: 'findings', roles: ['analyst', 'admin'], title: 'Findings', nav: 'Findings' },
  { path: 'exports', module: 'exports', roles: ['analyst', 'partner'], title: 'Exports', nav: 'Exports' },
  { path: 'outcomes', module: 'outcomes', roles: ['analyst'], title: 'Outcomes', nav: 'Outcomes' },
  { path: 'submit', module: 'submit', roles: ['caseworker'], title: 'New report', nav: 'New report' },
  { path: 'upload', module: 'upload', roles: ['caseworker'], title: 'Upload CSV', nav: 'Upload CSV' },
  { path: 'reports', module: 'reports', roles: ['caseworker', 'analyst'], title: 'Reports', nav: 'Reports' },
  { path: 'reports/:id', module: 'report', roles: ['caseworker', 'analyst'], title: 'Report' },
];

function match(hash) {
  const [pathPart, queryPart = ''] = hash.replace(/^#\/?/, '').split('?');
  const segments = pathPart.split('/').filter(Boolean);
  for (const page of PAGES) {
    const pattern = page.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params = {};
    if (
      pattern.every((p, i) => {
        if (!p.startsWith(':')) return p === segments[i];
        params[p.slice(1)] = decodeURIComponent(segments[i]);
        return true;
      })
    ) {
      return { page, params, query: new URLSearchParams(queryPart) };
    }
  }
  return undefined;
}

function renderNav(session, current) {
  const nav = clear(document.getElementById('nav'));
  const who = clear(document.getElementById('who'));
  if (!session) return;
  for (const page of PAGES.filter((p) => p.nav && p.roles?.includes(session.role))) {
    const active = current && (current.path === page.path || current.path.startsWith(`${page.path}/`));
    nav.append(h('a', { href: `#/${page.path}`, 'aria-current': active ? 'page' : undefined }, page.nav));
  }
  if (['analyst', 'admin'].includes(session.role)) nav.append(searchBox());
  who.append(
    h(
      'span',
      { title: session.org },
      `${session.personName ? `${session.personName} · ` : ''}${session.role} · ${session.orgName ?? session.org}`,
    ),
    h('button.secondary', { type: 'button', onclick: signOut }, 'Sign out'),
  );
}

function signOut() {
  endSession();
  location.hash = '#/signin';
}

let cleanup;
let shown = 0;

async function route() {
  const hash = location.hash || '#/';
  // In-page anchors (the skip link) are not pages.
  if (!hash.startsWith('#/')) return;
  const session = currentSession();
  let found = match(hash);
  if (!session && found?.page.path !== 'signin') {
    location.hash = '#/signin';
    return;
  }
  if (!found || (found.page.roles && !found.page.roles.includes(session.role))) {
    if (hash !== '#/' && found) {
      // A page this role may not see: say so rather than pretend it does not exist.
      found = undefined;
    } else if (session) {
      location.hash = homeOf(session.role);
      return;
    }
  }
  cleanup?.();
  cleanup = undefined;
  const generation = ++shown;
  // Each page renders into a view of its own: a slow page that finishes after the analyst moved on
  // writes into a detached view, and is stopped at once, instead of mixing into the next page.
  const view = h('div.view', { 'aria-busy': 'true', dataset: { route: hash } });
  document.getElementById('main').replaceChildren(view);
  renderNav(session, found?.page);
  if (!found) {
    document.title = 'Not available · Lantern';
    view.append(
      h('h1', { tabindex: '-1' }, 'Not available'),
      h('p', null, 'This page does not exist or your key’s role may not see it.'),
    );
    view.dataset.ready = 'true';
    view.setAttribute('aria-busy', 'false');
    view.querySelector('h1').focus();
    return;
  }
  document.title = `${found.page.title} · Lantern`;
  let stop;
  try {
    const module = await import(`./pages/${found.page.module}.js`);
    stop = await module.render(view, found.params, found.query);
  } catch (err) {
    view.append(errorNotice(err));
  }
  if (generation !== shown) {
    stop?.();
    return;
  }
  cleanup = stop;
  view.dataset.ready = 'true';
  view.setAttribute('aria-busy', 'false');
  // Move focus to the new page's heading, so keyboard and screen-reader users start at its top.
  const heading = view.querySelector('h1');
  heading?.setAttribute('tabindex', '-1');
  if (!view.contains(document.activeElement) || document.activeElement === document.body) heading?.focus();
}

window.addEventListener('hashchange', route);
document.getElementById('skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main').focus();
});
route();
