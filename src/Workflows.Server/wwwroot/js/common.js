// Helpers shared by the UI script islands: text lookup, JSON fetch with clear errors.
window.wf = {
  t: key => (window.ui && window.ui[key]) || key,
  async json(url, options) {
    const res = await fetch(url, options);
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
  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
    return e;
  }
};
