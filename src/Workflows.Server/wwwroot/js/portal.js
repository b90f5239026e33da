// The portal island: procedures with committed limits and checklists, one submission with every file, my cases.
(function () {
  const { t, api, el, name, date, error, idem } = window.wfui;
  const select = document.getElementById('p-procedure');
  const list = document.getElementById('p-materials');
  const form = document.getElementById('apply-form');
  const errors = document.getElementById('apply-errors');
  const me = (document.querySelector('[data-testid="current-user"]') || {}).textContent || '';
  let procedures = [], materials = [];
  // A readable case number (办件编号) the applicant can quote on the phone: date plus six random digits.
  const caseNumber = () => 'SW' + new Date().toISOString().slice(0, 10).replace(/-/g, '') + String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
  const wd = v => v && /^\d+WD$/.test(v) ? t('portal.wd', v.slice(0, -2)) : (v || '—');

  async function init() {
    try {
      procedures = await api('/api/procedures');
      const wanted = new URLSearchParams(location.search).get('procedure');
      select.replaceChildren(...procedures.map(p => el('option', { value: p.key, selected: p.key === wanted }, name(p))));
      select.addEventListener('change', show);
      await show();
    } catch (e) { error(list, e); }
    cases();
  }

  async function show() {
    const p = procedures.find(x => x.key === select.value);
    if (!p) return;
    document.getElementById('p-limits').replaceChildren(t('portal.committed') + ': ', el('strong', { 'data-testid': 'committed-limit' }, wd(p.committedLimit)),
      p.statutoryLimit ? ' · ' + t('portal.statutory') + ': ' + wd(p.statutoryLimit) : '');
    try {
      materials = await api('/api/procedures/' + encodeURIComponent(p.key) + '/materials');
      list.replaceChildren(...materials.map((m, i) => el('li', null,
        el('label', { for: 'file-' + i }, name(m)), el('span', { class: 'req' }, m.required ? t('portal.required') : t('portal.optional')),
        m.note ? el('span', { class: 'note' }, m.note) : null,
        el('input', { type: 'file', id: 'file-' + i, name: m.key, 'data-required': m.required ? 'true' : null }))));
    } catch (e) { error(list, e); }
  }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    errors.hidden = true;
    const missing = [];
    if (!form.applicantName.value.trim()) missing.push(t('portal.name'));
    list.querySelectorAll('input[type=file][data-required]').forEach((input, i) => {
      input.removeAttribute('aria-invalid');
      if (!input.files.length) { missing.push(name(materials.find(m => m.key === input.name))); input.setAttribute('aria-invalid', 'true'); }
    });
    if (missing.length) {
      errors.hidden = false;
      errors.replaceChildren(el('p', null, t('portal.missing')), el('ul', null, missing.map(m => el('li', null, m))));
      errors.focus();
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const started = await api('/api/instances', { json: { definitionKey: select.value, businessKey: caseNumber(), variables: {
        applicantName: form.applicantName.value.trim(), applicantUser: me, delivery: form.delivery.value } }, headers: { 'Idempotency-Key': idem() } });
      const files = new FormData();
      list.querySelectorAll('input[type=file]').forEach(input => { for (const f of input.files) files.append(input.name, f, f.name); });
      if ([...files.keys()].length) await api(`/api/portal/instances/${started.id}/materials`, { method: 'POST', body: files });
      document.getElementById('apply-result').replaceChildren(el('p', { class: 'ok' }, t('portal.submitted'), el('a', { href: '/portal/case/' + started.id, 'data-testid': 'case-link' }, started.businessKey || started.id)));
      form.reset();
      cases();
    } catch (err) {
      errors.hidden = false;
      errors.replaceChildren(el('p', null, t('common.error') + err.message));
      errors.focus();
    } finally { button.disabled = false; }
  });

  async function cases() {
    const box = document.getElementById('my-cases');
    try {
      const mine = await api('/api/portal/cases');
      if (!mine.length) { box.replaceChildren(el('p', { class: 'empty' }, t('dash.noData'))); return; }
      box.replaceChildren(el('ul', { class: 'plain' }, mine.map(c => el('li', null,
        el('a', { href: '/portal/case/' + c.id }, (c.businessKey || c.id.slice(0, 8))), ' · ',
        name(procedures.find(p => p.key === c.definitionKey)) || c.definitionKey, ' · ', t('portal.status.' + String(c.status).toLowerCase()) , ' · ', date(c.createdAt)))));
    } catch (e) { error(box, e); }
  }

  init();
})();
