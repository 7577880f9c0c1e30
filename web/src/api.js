// api.js talks to sitrep's JSON API (see /openapi.json) and to the UI's
// own actions under /ui/.

// ApiError carries the problem document's detail.
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function problem(res) {
  let detail = `${res.status} ${res.statusText}`;
  try {
    const p = await res.json();
    detail = p.detail || p.title || detail;
    if (Array.isArray(p.errors) && p.errors.length) {
      detail += ': ' + p.errors.map(e => `${e.location || ''} ${e.message || ''}`.trim()).join('; ');
    }
  } catch { /* not JSON */ }
  return new ApiError(res.status, detail);
}

export async function getJSON(url, signal) {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) throw await problem(res);
  return res.json();
}

export async function postJSON(url, body, signal) {
  const res = await fetch(url, {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await problem(res);
  return res.json();
}

export const enc = encodeURIComponent;
