// The signed-in key lives in sessionStorage: it ends with the browser tab, and is never written to disk by us.
const KEY = 'lantern.session';

/**
 * @returns {{key: string, role: string, org: string, orgName?: string, keyId: string, person?: string,
 *   personName?: string | null} | null}
 */
export function currentSession() {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function endSession() {
  sessionStorage.removeItem(KEY);
}
