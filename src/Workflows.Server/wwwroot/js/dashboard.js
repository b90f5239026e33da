// The dashboard island: filters in the query string, six ECharts charts, open cases and the supervision list; polls every 30 s.
(function () {
  const { t, api, el, name, date, dateTime, level, error } = window.wfui;
  const form = document.getElementById('dash-filters');
  const params = new URLSearchParams(location.search);
  for (const f of ['from', 'to', 'bureau', 'procedure']) if (params.get(f)) form.elements[f].value = params.get(f);
  const charts = {};
  const chart = id => charts[id] || (charts[id] = window.echarts ? window.echarts.init(document.getElementById(id)) : null);
  const colours = { green: '#2e7d4f', yellow: '#c98a00', red: '#b71c1c' };
  let procedures = {}, bureaus = {};

  form.addEventListener('submit', e => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
    history.replaceState(null, '', '?' + q);
    refresh();
  });

  function query() {
    const q = new URLSearchParams();
    const v = k => form.elements[k].value;
    if (v('from')) q.set('from', new Date(v('from') + 'T00:00:00').toISOString());
    if (v('to')) q.set('to', new Date(v('to') + 'T23:59:59').toISOString());
    if (v('bureau')) q.set('bureau', v('bureau'));
    if (v('procedure')) q.set('procedure', v('procedure'));
    return q;
  }

  async function lookups() {
    try {
      const [procs, bs] = await Promise.all([api('/api/procedures'), api('/api/directory/bureaus')]);
      procs.forEach(p => { procedures[p.key] = p; form.elements.procedure.append(el('option', { value: p.key, selected: params.get('procedure') === p.key }, name(p))); });
      bs.forEach(b => { bureaus[b.code] = b; form.elements.bureau.append(el('option', { value: b.code, selected: params.get('bureau') === b.code }, name(b))); });
    } catch { /* the charts still show keys */ }
  }
  const pname = k => name(procedures[k]) || k;
  const bname = k => name(bureaus[k]) || k || '—';

  function draw(id, option, summary) {
    const c = chart(id);
    document.getElementById(id).setAttribute('aria-description', summary);
    const empty = summary === t('dash.noData');
    const extra = empty ? { graphic: { type: 'text', left: 'center', top: 'middle', style: { text: t('dash.noData'), fill: '#4a5563', fontSize: 15 } } } : { graphic: [] };
    if (c) c.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, top: 40, bottom: 60, containLabel: true } }, extra, option), true);
  }

  async function refresh() {
    const q = query();
    const errBox = document.getElementById('dash-error');
    errBox.replaceChildren();
    document.getElementById('export-csv').href = '/api/dashboard/export?what=cases&format=csv&' + q;
    document.getElementById('export-xlsx').href = '/api/dashboard/export?what=cases&format=xlsx&' + q;
    try {
      const a = await api('/api/dashboard/aggregates?' + q);
      const bs = [...new Set(a.openByBureauLevel.map(x => x.key))];
      const series = ['green', 'yellow', 'red'].map(l => ({ name: t('sla.' + l), type: 'bar', stack: 'open', itemStyle: { color: colours[l] },
        data: bs.map(b => (a.openByBureauLevel.find(x => x.key === b && x.level === l) || { count: 0 }).count) }));
      draw('c-open', { legend: {}, xAxis: { type: 'category', data: bs.map(bname), axisLabel: { interval: 0, width: 110, overflow: 'break' } }, yAxis: { type: 'value', name: t('dash.count') }, series },
        a.openByBureauLevel.map(x => `${bname(x.key)} ${t('sla.' + x.level)} ${x.count}`).join('; ') || t('dash.noData'));
      draw('c-breach', { xAxis: { type: 'category', data: a.breachesByDay.map(x => x.key) }, yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: t('dash.breaches'), type: 'line', data: a.breachesByDay.map(x => x.count), itemStyle: { color: colours.red } }] },
        a.breachesByDay.map(x => `${x.key}: ${x.count}`).join('; ') || t('dash.noData'));
      const ps = a.byProcedure;
      draw('c-closed', { legend: {}, xAxis: { type: 'category', data: ps.map(p => pname(p.key)), axisLabel: { interval: 0, width: 110, overflow: 'break' } }, yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: t('dash.onTime'), type: 'bar', stack: 'c', data: ps.map(p => p.onTime), itemStyle: { color: colours.green } },
                 { name: t('dash.late'), type: 'bar', stack: 'c', data: ps.map(p => p.late), itemStyle: { color: colours.red } }] },
        ps.map(p => `${pname(p.key)}: ${t('dash.onTime')} ${p.onTime}, ${t('dash.late')} ${p.late}`).join('; ') || t('dash.noData'));
      draw('c-used', { legend: {}, xAxis: { type: 'category', data: ps.map(p => pname(p.key)), axisLabel: { interval: 0, width: 110, overflow: 'break' } }, yAxis: { type: 'value', name: 'WD' },
        series: [{ name: t('dash.median'), type: 'bar', data: ps.map(p => p.median), itemStyle: { color: '#0b3a6e' } },
                 { name: t('dash.p90'), type: 'bar', data: ps.map(p => p.p90), itemStyle: { color: '#5b7fa8' } },
                 { name: t('dash.limit'), type: 'line', data: ps.map(p => p.limitDays), itemStyle: { color: colours.red }, lineStyle: { type: 'dashed' } }] },
        ps.map(p => `${pname(p.key)}: ${t('dash.median')} ${p.median ?? '—'}, ${t('dash.p90')} ${p.p90 ?? '—'}, ${t('dash.limit')} ${p.limitDays ?? '—'}`).join('; ') || t('dash.noData'));
      draw('c-saved', { xAxis: { type: 'category', data: ps.map(p => pname(p.key)), axisLabel: { interval: 0, width: 110, overflow: 'break' } }, yAxis: { type: 'value', name: 'WD' },
        series: [{ name: t('dash.saved'), type: 'bar', data: ps.map(p => p.averageSaved), itemStyle: { color: colours.green } }] },
        ps.map(p => `${pname(p.key)}: ${p.averageSaved ?? '—'}`).join('; ') || t('dash.noData'));
      const steps = a.slowestSteps.slice().reverse();
      draw('c-steps', { tooltip: { trigger: 'axis' }, xAxis: { type: 'value', name: 'WD' }, yAxis: { type: 'category', data: steps.map(s => name(s) || s.elementId), axisLabel: { width: 160, overflow: 'truncate' } },
        series: [{ name: t('dash.avgDays'), type: 'bar', data: steps.map(s => s.averageDays), itemStyle: { color: '#0b3a6e' } }] },
        a.slowestSteps.map(s => `${name(s) || s.elementId}: ${s.averageDays}`).join('; ') || t('dash.noData'));
    } catch (e) { error(errBox, e); }
    await Promise.all([openCases(q), supervision(q)]);
    document.getElementById('updated').textContent = dateTime(new Date());
  }

  async function openCases(q) {
    const box = document.getElementById('open-cases');
    try {
      const s = new URLSearchParams({ kind: 'case', pageSize: '50' });
      if (q.get('bureau')) s.set('bureau', q.get('bureau'));
      if (q.get('procedure')) s.set('procedure', q.get('procedure'));
      const page = await api('/api/sla/cases?' + s);
      if (!page.items.length) { box.replaceChildren(el('p', { class: 'empty' }, t('dash.noData'))); return; }
      box.replaceChildren(el('table', { class: 'table data' },
        el('thead', null, el('tr', null, ['work.businessKey', 'work.applicant', 'work.procedure', 'dash.bureau', 'work.level', 'work.due', 'work.daysLeft', ''].map(k => el('th', { scope: 'col' }, k ? t(k) : '')))),
        el('tbody', null, page.items.map(c => el('tr', { 'data-instance': c.instanceId },
          el('td', null, c.businessKey || '—'), el('td', null, c.applicantName || '—'), el('td', null, pname(c.definitionKey)), el('td', null, bname(c.bureau)),
          el('td', null, level(c.level, c.status === 'paused')), el('td', null, date(c.dueAt)), el('td', { class: 'num' }, String(c.workingDaysLeft)),
          el('td', null, el('a', { href: '/instances/' + c.instanceId }, t('dash.drill'))))))));
    } catch (e) { error(box, e); }
  }

  async function supervision(q) {
    const box = document.getElementById('supervision');
    try {
      const s = new URLSearchParams({ pageSize: '50' });
      if (q.get('bureau')) s.set('bureau', q.get('bureau'));
      const page = await api('/api/sla/supervision?' + s);
      if (!page.items.length) { box.replaceChildren(el('p', { class: 'empty' }, t('dash.noData'))); return; }
      box.replaceChildren(el('table', { class: 'table data' },
        el('thead', null, el('tr', null, ['work.businessKey', 'work.procedure', 'work.step', 'dash.bureau', 'dash.responsible', 'work.due', 'dash.breachedAt', 'dash.daysLate', 'task.status', ''].map(k => el('th', { scope: 'col' }, k ? t(k) : '')))),
        el('tbody', null, page.items.map(r => el('tr', { 'data-instance': r.instanceId },
          el('td', null, r.businessKey || '—'), el('td', null, pname(r.definitionKey)), el('td', null, r.elementId || '—'), el('td', null, bname(r.bureau)),
          el('td', null, r.responsible || '—'), el('td', null, dateTime(r.dueAt)), el('td', null, dateTime(r.breachedAt)), el('td', { class: 'num' }, String(r.workingDaysLate)),
          el('td', null, r.status === 'open' ? level('red') : r.status), el('td', null, el('a', { href: '/instances/' + r.instanceId }, t('dash.drill'))))))));
    } catch (e) { error(box, e); }
  }

  window.addEventListener('resize', () => Object.values(charts).forEach(c => c && c.resize()));
  lookups().then(refresh);
  setInterval(refresh, 30000);
})();
