/** Opens a console page; re-renders when it is the page already shown (the browser fires no hashchange then). */
export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
