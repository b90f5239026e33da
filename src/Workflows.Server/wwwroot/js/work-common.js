// Helpers shared by the workbench, dashboard and portal islands: API calls with the same-origin header, bilingual
// names, dates in the user's culture and the SLA badge (colour plus words, never colour alone).
(function () {
  const lang = document.documentElement.lang || 'zh-CN';
  const en = lang.startsWith('en');
  const t = (key, ...args) => {
    let s = (window.ui && window.ui[key]) || key;
    args.forEach((a, i) => { s = s.replace('{' + i + '}', a); });
    return s;
  };
  async function api(url, options) {
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
  }
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== undefined && c !== null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  };
  const name = (o, zhField, enField) => {
    if (!o) return '';
    const zh = o[zhField || 'name'], e = o[enField || 'nameEn'];
    return (en ? (e || zh) : (zh || e)) || '';
  };
  const dateFmt = new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const dateTimeFmt = new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const date = v => v ? dateFmt.format(new Date(v)) : '—';
  const dateTime = v => v ? dateTimeFmt.format(new Date(v)) : '—';
  const level = (lvl, paused) => {
    const l = paused ? 'paused' : (lvl || 'none');
    return el('span', { class: 'sla sla-' + l, 'data-level': l }, el('span', { class: 'sla-dot', 'aria-hidden': 'true' }), t('sla.' + l));
  };
  // Working days left from the due date, counted on weekdays: the server's calendar answers precisely on the SLA API.
  const error = (where, e) => {
    where.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('common.error') + (e && e.message || e)));
  };
  const idem = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
  window.wfui = { t, api, el, name, date, dateTime, level, error, idem, en, lang };
})();
