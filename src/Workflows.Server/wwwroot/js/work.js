// The workbench island: queue counts, filters in the query string (bookmarkable), server paging, SLA badges.
(function () {
  const { t, api, el, name, date, level, error } = window.wfui;
  const params = new URLSearchParams(location.search);
  const queue = params.get('queue') || 'mine';
  let page = Number(params.get('page') || 1);
  const list = document.getElementById('task-list');
  const procedures = {};

  document.querySelectorAll('[data-queue]').forEach(a => {
    if (a.dataset.queue === queue) { a.setAttribute('aria-current', 'page'); document.getElementById('queue-title').textContent = a.firstChild.textContent.trim(); }
  });
  const form = document.getElementById('filters');
  for (const f of ['procedure', 'slaLevel', 'dueBefore', 'applicant', 'businessKey']) if (params.get(f)) form.elements[f].value = params.get(f);
  form.addEventListener('submit', e => {
    e.preventDefault();
    const q = new URLSearchParams({ queue });
    for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
    location.search = q.toString();
  });
  form.addEventListener('reset', () => setTimeout(() => { location.search = 'queue=' + queue; }));

  async function counts() {
    try {
      const c = await api('/api/tasks/counts');
      for (const k of ['mine', 'group', 'suspended', 'bureau']) {
        const span = document.querySelector(`[data-count="${k}"]`);
        if (span && c[k] !== null && c[k] !== undefined) span.textContent = `(${c[k]})`;
      }
      if (c.bureau !== null && c.bureau !== undefined) document.querySelector('[data-bureau-only]').hidden = false;
    } catch { /* counts are a convenience */ }
  }

  async function load() {
    try {
      const procs = await api('/api/procedures');
      const select = form.elements.procedure;
      for (const p of procs) {
        procedures[p.key] = p;
        const o = el('option', { value: p.key }, name(p));
        if (params.get('procedure') === p.key) o.selected = true;
        select.append(o);
      }
    } catch { /* the filter still works by key */ }
    const q = new URLSearchParams({ queue, page: String(page), pageSize: '20' });
    for (const f of ['procedure', 'slaLevel', 'applicant', 'businessKey']) if (params.get(f)) q.set(f, params.get(f));
    if (params.get('dueBefore')) q.set('dueBefore', new Date(params.get('dueBefore') + 'T23:59:59').toISOString());
    try {
      const res = await api('/api/tasks?' + q);
      const days = await daysLeft(res.items.map(x => x.dueAt));
      render(res, days);
    } catch (e) { error(list, e); }
  }

  async function daysLeft(dues) {
    const q = new URLSearchParams();
    dues.filter(Boolean).forEach(d => q.append('due', d));
    if (!q.toString()) return {};
    try { return await api('/api/dashboard/days-left?' + q); } catch { return {}; }
  }

  function render(res, days) {
    if (!res.items.length) { list.replaceChildren(el('p', { class: 'empty' }, t('work.empty'))); }
    else {
      const head = el('tr', null, ['work.businessKey', 'work.applicant', 'work.procedure', 'work.step', 'work.level', 'work.due', 'work.daysLeft', 'work.assignee', ''].map(k => el('th', { scope: 'col' }, k ? t(k) : '')));
      const rows = res.items.map(x => el('tr', { 'data-task': x.id },
        el('td', null, x.businessKey || '—'),
        el('td', null, x.applicantName || '—'),
        el('td', null, name(procedures[x.definitionKey]) || x.definitionKey),
        el('td', null, name(x) || x.elementId),
        el('td', null, level(x.slaLevel, x.waitingForSupplement)),
        el('td', null, date(x.dueAt)),
        el('td', { class: 'num' }, x.dueAt && days[x.dueAt] !== undefined ? String(days[x.dueAt]) : '—'),
        el('td', null, x.assignee || '—'),
        el('td', null, el('a', { href: '/work/task/' + encodeURIComponent(x.id), class: 'button' }, t('work.open')))));
      list.replaceChildren(el('table', { class: 'table data' }, el('thead', null, head), el('tbody', null, rows)));
    }
    document.getElementById('page-info').textContent = t('work.page', res.pageNumber, res.total ?? '?');
    const prev = document.getElementById('prev'), next = document.getElementById('next');
    prev.disabled = page <= 1;
    next.disabled = res.total !== null && res.total !== undefined ? page * res.pageSize >= res.total : res.items.length < res.pageSize;
    prev.onclick = () => { params.set('page', String(page - 1)); location.search = params; };
    next.onclick = () => { params.set('page', String(page + 1)); location.search = params; };
  }

  counts();
  load();
})();
