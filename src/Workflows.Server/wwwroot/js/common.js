// Helpers shared by every UI script island: text lookup, API calls with clear errors, element building.
window.wf = {
  // A UI string in the page's language; {0}, {1}… are replaced by the arguments.
  t(key, ...args) {
    let s = (window.ui && window.ui[key]) || key;
    args.forEach((a, i) => { s = s.replace('{' + i + '}', a); });
    return s;
  },
  // fetch with the same-origin header (CSRF guard), a `json` option for JSON bodies, and errors carrying the problem.
  async json(url, options) {
    const o = Object.assign({}, options || {});
    o.headers = Object.assign({ 'X-Requested-With': 'fetch' }, o.headers || {});
    if (o.json !== undefined) {
      o.method = o.method || 'POST';
      o.headers['Content-Type'] = 'application/json';
      o.body = JSON.stringify(o.json);
      delete o.json;
    }
    const res = await fetch(url, o);
    const text = await res.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = text; }
    if (!res.ok) {
      const err = new Error((body && (body.detail || body.title)) || res.statusText);
      err.status = res.status; err.body = body;
      throw err;
    }
    return body;
  },
  // An element with attributes (on* are listeners; null/undefined/false are left out) and children (arrays flattened).
  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== undefined && c !== null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
};
