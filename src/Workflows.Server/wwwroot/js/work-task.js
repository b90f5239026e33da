// The task page island: case facts, materials, history, diagram with the current step, the form-js form and the actions.
(function () {
  const { t, api, el, name, date, dateTime, level, error, idem } = window.wfui;
  const root = document.getElementById('task-page');
  const id = root.dataset.taskId;
  const me = (document.querySelector('[data-testid="current-user"]') || {}).textContent || '';
  const flash = document.getElementById('flash');
  const summary = document.getElementById('error-summary');
  let task, instance, form, procedureName = '';

  const act = (path, json) => api(`/api/tasks/${encodeURIComponent(id)}/${path}`, { json: json || {}, headers: { 'Idempotency-Key': idem() } });
  const say = msg => { flash.replaceChildren(el('p', { class: 'ok' }, msg)); };

  function showErrors(e) {
    const errs = e && e.body && e.body.errors;
    if (!errs) { summary.hidden = false; summary.replaceChildren(el('p', null, t('common.error') + e.message)); summary.focus(); return; }
    summary.hidden = false;
    summary.replaceChildren(el('p', null, t('task.fixErrors')),
      el('ul', null, Object.entries(errs).map(([field, msgs]) => el('li', { 'data-field': field }, el('strong', null, field), ': ', [].concat(msgs).join(' ')))));
    for (const field of Object.keys(errs)) {
      const input = document.querySelector(`#task-form [name="${CSS.escape(field)}"], #task-form [id$="-${CSS.escape(field)}"]`);
      if (input) input.setAttribute('aria-invalid', 'true');
    }
    summary.focus();
  }

  async function load() {
    try {
      task = await api('/api/tasks/' + encodeURIComponent(id));
    } catch (e) { error(root.querySelector('.task-grid'), e); return; }
    document.getElementById('task-name').textContent = name(task) || task.elementId;
    document.getElementById('task-key').textContent = task.businessKey || '';
    const status = document.getElementById('task-status');
    status.replaceChildren(t('task.status') + ': ' + task.status + ' · ', level(task.slaLevel, task.waitingForSupplement), ' · ' + t('work.due') + ' ' + date(task.dueAt));
    const claim = document.getElementById('claim');
    claim.hidden = !!task.assignee || !!task.completedAt;
    claim.onclick = async () => { try { task = await act('claim'); say(t('task.claim') + ' ✓'); claim.hidden = true; facts(); } catch (e) { showErrors(e); } };

    instance = await api('/api/instances/' + task.instanceId).catch(() => null);
    const procs = await api('/api/procedures').catch(() => []);
    procedureName = name(procs.find(p => p.key === task.definitionKey));
    facts();
    materials();
    history();
    diagram();
    renderForm();
    checklist();
  }

  function facts() {
    const v = (instance && instance.variables) || {};
    const rows = [[t('work.businessKey'), task.businessKey], [t('work.applicant'), task.applicantName || v.applicantName], [t('work.procedure'), procedureName || task.definitionKey],
      [t('work.step'), name(task)], [t('work.due'), date(task.dueAt)], [t('work.assignee'), task.assignee || '—']];
    document.getElementById('case-facts').replaceChildren(...rows.flatMap(([k, val]) => [el('dt', null, k), el('dd', null, val || '—')]));
  }

  async function materials() {
    const ul = document.getElementById('materials');
    try {
      const files = await api(`/api/instances/${task.instanceId}/attachments`);
      if (!files.length) { ul.replaceChildren(el('li', null, t('task.noFiles'))); return; }
      ul.replaceChildren(...files.map(f => el('li', null, el('a', { href: '/api/attachments/' + f.id, download: f.fileName }, f.fileName),
        f.materialKey ? ` (${f.materialKey})` : '', ' · ', dateTime(f.uploadedAt))));
    } catch (e) { error(ul, e); }
  }

  async function history() {
    const ol = document.getElementById('history');
    try {
      const [events, comments] = await Promise.all([
        api(`/api/instances/${task.instanceId}/history`),
        api(`/api/tasks/${encodeURIComponent(id)}/comments`).catch(() => [])]);
      const items = events.filter(e => !e.action.startsWith('sla.')).map(e => ({ at: e.at, who: e.actor, what: e.action + (e.elementId ? ' · ' + e.elementId : ''), note: opinion(e.data) }))
        .concat(comments.map(c => ({ at: c.at, who: c.author, what: t('task.comment'), note: c.text })))
        .sort((a, b) => new Date(a.at) - new Date(b.at));
      // Uploads come in bursts (one event per file): show one line per burst.
      const merged = [];
      for (const i of items) {
        const last = merged[merged.length - 1];
        if (last && !i.note && !last.note && last.who === i.who && last.what === i.what) { last.times = (last.times || 1) + 1; continue; }
        merged.push(Object.assign({}, i));
      }
      ol.replaceChildren(...merged.map(i => el('li', null, el('time', { datetime: i.at }, dateTime(i.at)), ' ', el('strong', null, i.who || ''), ' ', i.what, i.times ? ' ×' + i.times : '', i.note ? el('p', { class: 'opinion' }, i.note) : null)));
    } catch (e) { error(ol, e); }
  }

  function opinion(data) {
    if (!data) return '';
    const v = data.variables || data;
    return ['opinion', 'comment', 'reason', 'note', 'recommendation'].map(k => v && typeof v[k] === 'string' ? v[k] : '').filter(Boolean).join(' · ');
  }

  async function diagram() {
    const host = document.getElementById('diagram');
    if (!window.BpmnJS || !instance) return;
    try {
      const res = await fetch(`/api/definitions/${encodeURIComponent(instance.definitionKey)}/versions/${instance.version}/xml`);
      const xml = await res.text();
      const viewer = new window.BpmnJS({ container: host });
      await viewer.importXML(xml);
      viewer.get('canvas').zoom('fit-viewport');
      const canvas = viewer.get('canvas');
      for (const a of instance.activeElementIds || []) { try { canvas.addMarker(a, 'wf-active'); } catch { } }
      for (const c of instance.completedElementIds || []) { try { canvas.addMarker(c, 'wf-done'); } catch { } }
      try { canvas.addMarker(task.elementId, 'wf-current'); } catch { }
    } catch (e) { error(host, e); }
  }

  async function renderForm() {
    const host = document.getElementById('task-form');
    if (!task.formKey || !window.FormViewer) return;
    try {
      // The task's own form version (the one the server validates against), not simply the latest saved one.
      const schema = await api('/api/tasks/' + encodeURIComponent(task.id) + '/form');
      form = new window.FormViewer.Form({ container: host });
      await form.importSchema(schema, Object.assign({}, (instance && instance.variables) || {}, task.localVariables || {}));
    } catch (e) { error(host, e); }
  }

  document.getElementById('task-form-wrap').addEventListener('submit', async e => {
    e.preventDefault();
    summary.hidden = true;
    let data = {};
    if (form) {
      const result = form.submit();
      if (result.errors && Object.keys(result.errors).length) {
        showErrors({ body: { errors: result.errors } });
        return;
      }
      data = result.data;
    }
    try {
      if (!task.assignee) task = await act('claim');
      await act('complete', { variables: data });
      say(t('task.done'));
      setTimeout(() => { location.href = '/work'; }, 600);
    } catch (err) { showErrors(err); }
  });

  async function checklist() {
    const box = document.getElementById('checklist');
    try {
      const items = await api('/api/procedures/' + encodeURIComponent(task.definitionKey) + '/materials');
      box.replaceChildren(...items.map((m, i) => el('div', { class: 'check' },
        el('input', { type: 'checkbox', id: 'm-' + i, name: 'item', value: m.key, 'data-name': m.name, 'data-name-en': m.nameEn || '' }),
        el('label', { for: 'm-' + i }, name(m) + (m.note ? ' — ' + m.note : '')))));
    } catch (e) { error(box, e); }
  }

  document.getElementById('supplement-form').addEventListener('submit', async e => {
    e.preventDefault();
    const picked = [...e.target.querySelectorAll('input[name="item"]:checked')].map(c => ({ key: c.value, name: c.dataset.name }));
    if (!picked.length) { showErrors({ body: { errors: { items: [t('task.supplementPick')] } } }); return; }
    try {
      if (!task.assignee) task = await act('claim');
      await act('supplement', { items: picked, note: e.target.note.value || null });
      say(t('task.sendNotice') + ' ✓');
      setTimeout(() => { location.href = '/work'; }, 600);
    } catch (err) { showErrors(err); }
  });
  document.getElementById('reject-form').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      if (!task.assignee) task = await act('claim');
      await act('reject', { reason: e.target.reason.value });
      say(t('task.done'));
      setTimeout(() => { location.href = '/work'; }, 600);
    } catch (err) { showErrors(err); }
  });
  document.getElementById('delegate-form').addEventListener('submit', async e => {
    e.preventDefault();
    try { task = await act('delegate', { userName: e.target.userName.value }); say(t('task.delegate') + ' ✓'); facts(); } catch (err) { showErrors(err); }
  });
  document.getElementById('comment-form').addEventListener('submit', async e => {
    e.preventDefault();
    try { await act('comments', { text: e.target.text.value }); e.target.reset(); history(); } catch (err) { showErrors(err); }
  });

  load();
})();
