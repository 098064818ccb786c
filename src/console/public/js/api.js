import { currentSession, endSession } from './session.js';

/** An API error with the API's own words: `issues` names each bad field (path, message). */
export class ApiError extends Error {
  constructor(status, message, issues) {
    super(message);
    this.status = status;
    this.issues = issues ?? [];
  }
}

function authHeader(key) {
  return { Authorization: `Bearer ${key}` };
}

async function failure(res) {
  let body = {};
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const message = body.error ?? `the server answered ${res.status}`;
  return new ApiError(res.status, body.requestId ? `${message} (request ${body.requestId})` : message, body.issues);
}

/**
 * Calls the API with the session's key. A 401 means the key was revoked or the session is stale:
 * the session ends and the sign-in page explains why.
 * @param {string} path under /api/v1
 * @param {{method?: string, json?: unknown, body?: BodyInit, headers?: Record<string,string>, key?: string,
 *   raw?: boolean}} [init]
 */
export async function api(path, init = {}) {
  const key = init.key ?? currentSession()?.key;
  const headers = { ...(key ? authHeader(key) : {}), ...(init.headers ?? {}) };
  let body = init.body;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(`/api/v1${path}`, { method: init.method ?? 'GET', headers, body });
  if (!res.ok) {
    const error = await failure(res);
    if (res.status === 401 && !init.key) {
      endSession();
      location.hash = '#/signin?expired=1';
    }
    throw error;
  }
  if (init.raw) return res;
  return res.status === 204 ? null : res.json();
}

/**
 * Uploads a body with progress events (fetch cannot report upload progress; XMLHttpRequest can).
 * @param {(fraction: number) => void} onProgress
 */
export function uploadWithProgress(path, body, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    const key = currentSession()?.key;
    if (key) xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'the upload did not reach Lantern; check the connection and try again'));
    xhr.onload = () => {
      let parsed = {};
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        // handled below by status
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed);
      else reject(new ApiError(xhr.status, parsed.error ?? `the server answered ${xhr.status}`, parsed.issues));
    };
    xhr.send(body);
  });
}

/** Downloads a file the API serves only with a key: fetched, then handed to the browser as a blob. */
export async function download(path, filename) {
  const res = await api(path, { raw: true });
  saveBlob(await res.blob(), filename);
}

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
