// Helpers of the workbench, dashboard and portal islands on top of common.js: bilingual names, dates in the user's
// culture and the SLA badge (colour plus words, never colour alone).
(function () {
  const lang = document.documentElement.lang || 'zh-CN';
  const en = lang.startsWith('en');
  // The shared helpers (common.js): one implementation of text lookup, API calls and element building.
  const { t, el } = window.wf;
  const api = window.wf.json;
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
