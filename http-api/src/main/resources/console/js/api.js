// The REST API (docs/API.md) as the console uses it: the session cookie travels with every request.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.field = this.body.field || null;
    this.rule = this.body.rule || null;
    this.errors = this.body.errors || null;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }

export async function call(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (res.status === 204) return null;
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { message: text }; }
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/login') onUnauthorized();
    throw new ApiError(res.status, json);
  }
  return json;
}

export const api = {
  login: (login, password) => call('POST', '/api/login', { login, password }),
  logout: () => call('POST', '/api/logout'),
  me: () => call('GET', '/api/me'),
  setState: (state) => call('PUT', '/api/me', { state }),
  queue: () => call('GET', '/api/queue?limit=100'),
  claim: () => call('POST', '/api/queue/claim'),
  callback: (id) => call('GET', `/api/callbacks/${id}`),
  dial: (id) => call('POST', `/api/callbacks/${id}/dial`),
  outcome: (id, body) => call('POST', `/api/callbacks/${id}/outcome`, body),
  note: (id, text) => call('POST', `/api/callbacks/${id}/notes`, { body: text }),
  setEmail: (id, email, why) => call('PUT', `/api/callbacks/${id}/email`, { email, why }),
  release: (id, why) => call('POST', `/api/callbacks/${id}/release`, { why }),
  assign: (id, consultant, why, holder) => call('POST', `/api/callbacks/${id}/assign`, { consultant, why, holder }),
  assignments: () => call('GET', '/api/assignments'),
  policy: () => call('GET', '/api/policy'),
  validatePolicy: (policy) => call('POST', '/api/policy/validate', { policy }),
  savePolicy: (policy, basedOn, reason) => call('PUT', '/api/policy', { policy, basedOn, reason }),
  policyHistory: () => call('GET', '/api/policy/history'),
  audit: (query) => call('GET', '/api/audit?' + new URLSearchParams(query)),
  dashboard: () => call('GET', '/api/dashboard'),
  queueDepth: () => call('GET', '/api/dashboard/queue-depth'),
  scenarios: () => call('GET', '/api/whatif/scenarios'),
  whatIf: (body) => call('POST', '/api/whatif', body),
};
