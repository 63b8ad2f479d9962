// Calls to /api/v1 as the signed-in browser: the cookie goes by itself, POSTs, PUTs and DELETEs carry the page's anti-forgery
// token, and errors come back as the API's problem details (title and detail in words).
const token = () => document.querySelector('meta[name="csrf-token"]')?.content ?? '';
const embedSession = () => document.querySelector('meta[name="embed-session"]')?.content ?? '';

/** The embed session's ticket header, for a request made outside this module (none outside a cookie-less frame). */
export const embedHeaders = () => (embedSession() ? { 'X-Embed-Session': embedSession() } : {});

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(`${title}: ${detail}`);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    // A list repeats its parameter (type=a=text&type=b=date).
    for (const one of [value].flat()) {
      if (one !== undefined && one !== null && one !== '') query.append(name, one);
    }
  }
  const text = query.toString();
  return `/api/v1${path}${text ? `?${text}` : ''}`;
}

async function send(method, path, { params, body, file } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-TOKEN'] = token();
  // Inside a host's frame whose browser drops the session cookie, the session's ticket goes with each request (embed.js).
  Object.assign(headers, embedHeaders());
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (file !== undefined) headers['Content-Type'] = file.type || 'application/octet-stream';
  const response = await fetch(url(path, params), {
    method,
    headers,
    body: file ?? (body === undefined ? undefined : JSON.stringify(body)),
    credentials: 'same-origin',
  });
  // Inside a host's frame there is no sign-in form to go to: the host reopens the session.
  if (response.status === 401 && document.body.dataset.embed !== 'embedded') {
    window.location.assign(`/signin?ReturnUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    throw new ApiError(401, 'Sign in needed', 'the sign-in has ended');
  }
  if (!response.ok) {
    const details = await response.json().catch(() => ({}));
    throw new ApiError(response.status, details.title ?? `HTTP ${response.status}`, details.detail ?? response.statusText);
  }
  return response.status === 204 ? null : response.json();
}

export const api = {
  get: (path, params) => send('GET', path, { params }),
  post: (path, body) => send('POST', path, { body }),
  patch: (path, body) => send('PATCH', path, { body }),
  delete: (path) => send('DELETE', path),
  /** A file as the request's body, streamed by the browser as is. */
  put: (path, params, file) => send('PUT', path, { params, file }),
};

/** Status is asked for by several parts of a page; one request serves them all. */
let status;
export function workspaceStatus() {
  status ??= api.get('/status');
  return status;
}
