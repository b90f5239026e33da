// Script island of the process designer: bpmn-js modeler with the Camunda properties panel and our SLA/routing
// provider (wf-properties.js), server-side validation while drawing, drafts, publishing, versions, diff and instance migration.
(async () => {
  const { t, json, el } = window.wf;
  const root = document.querySelector('.designer');
  const keyInput = document.getElementById('process-key');
  const message = document.getElementById('message');
  const readonlyVersion = Number(root.dataset.version) || null;
  const say = (text, isError) => { message.textContent = text; message.classList.toggle('error', !!isError); };

  const [camunda, wfModdle, groups, forms] = await Promise.all([
    json('/lib/camunda-bpmn-moddle/camunda.json'),
    json('/js/wf-moddle.json'),
    json('/api/directory/groups').catch(() => []),
    json('/api/forms').catch(() => [])
  ]);
  const P = window.BpmnJSPropertiesPanel;
  const modeler = new window.BpmnJS({
    container: '#canvas',
    keyboard: { bindTo: document },
    propertiesPanel: { parent: '#properties' },
    additionalModules: [P.BpmnPropertiesPanelModule, P.BpmnPropertiesProviderModule, P.CamundaPlatformPropertiesProviderModule, window.WfPropertiesProviderModule],
    wfProperties: { groups, forms },
    moddleExtensions: { camunda, wf: wfModdle }
  });
  window.modeler = modeler;
  const canvas = modeler.get('canvas');
  const overlays = modeler.get('overlays');
  const elementRegistry = modeler.get('elementRegistry');

  const blank = key => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:wf="http://workflows.city/schema/bpmn/1.0" id="Definitions_1" targetNamespace="http://workflows.city/procedures">
  <bpmn:process id="${key}" name="${key}" isExecutable="true"><bpmn:startEvent id="start" name="申请" wf:nameEn="Application" /></bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="${key}">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="180" y="160" width="36" height="36" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

  const processBo = () => canvas.getRootElement().businessObject;
  const currentKey = () => (keyInput.value || '').trim() || processBo()?.id;

  // ---- loading ----
  async function loadInitial() {
    const key = root.dataset.key;
    if (!key) { await modeler.importXML(blank('new-procedure')); keyInput.value = 'new-procedure'; return; }
    if (readonlyVersion) { await openVersion(key, readonlyVersion); return; }
    let xml = await fetch(`/api/definitions/${encodeURIComponent(key)}/draft`).then(r => r.ok ? r.text() : null);
    if (!xml) {
      const versions = await json(`/api/definitions/${encodeURIComponent(key)}/versions`).catch(() => []);
      xml = versions.length ? await fetch(`/api/definitions/${encodeURIComponent(key)}/versions/${versions.at(-1).version}/xml`).then(r => r.text()) : blank(key);
    }
    await modeler.importXML(xml);
    canvas.zoom('fit-viewport');
  }

  async function openVersion(key, version) {
    const xml = await fetch(`/api/definitions/${encodeURIComponent(key)}/versions/${version}/xml`).then(r => r.text());
    await modeler.importXML(xml);
    canvas.zoom('fit-viewport');
    setReadonly(version);
  }

  function setReadonly(version) {
    root.classList.toggle('readonly', !!version);
    const banner = document.getElementById('readonly-banner');
    banner.hidden = !version;
    banner.textContent = version ? `${t('designer.readonly')} ${version}` : '';
    for (const id of ['save-draft', 'publish']) document.getElementById(id).disabled = !!version;
  }

  // ---- validation while drawing ----
  let validateTimer = null;
  let markers = [];
  async function validate() {
    const { xml } = await modeler.saveXML({ format: false });
    const result = await json('/api/definitions/validate', { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });
    for (const id of markers) if (elementRegistry.get(id)) canvas.removeMarker(id, 'wf-invalid');
    overlays.remove({ type: 'wf-error' });
    markers = [];
    const list = document.getElementById('errors');
    list.replaceChildren();
    const badge = document.getElementById('validity');
    badge.textContent = result.valid ? t('designer.valid') : `${t('designer.invalid')} (${result.errors.length})`;
    badge.className = 'badge ' + (result.valid ? 'ok' : 'bad');
    for (const e of result.errors) {
      list.append(el('li', { class: 'error-item', 'data-element': e.elementId || '' }, e.elementId ? el('code', {}, e.elementId) : '', ` ${e.message}` + (e.line ? ` (line ${e.line})` : '')));
      if (e.elementId && elementRegistry.get(e.elementId) && !markers.includes(e.elementId)) {
        markers.push(e.elementId);
        canvas.addMarker(e.elementId, 'wf-invalid');
        overlays.add(e.elementId, 'wf-error', { position: { top: -12, right: 12 }, html: `<span class="wf-error-badge" title="${e.message.replace(/"/g, '&quot;')}">!</span>` });
      }
    }
    return result;
  }
  modeler.on('commandStack.changed', () => { clearTimeout(validateTimer); validateTimer = setTimeout(() => validate().catch(err => say(err.message, true)), 600); });
  modeler.on('import.done', () => { clearTimeout(validateTimer); validateTimer = setTimeout(() => validate().catch(() => {}), 100); });

  // ---- key, drafts, publish, import/export ----
  // Renaming the process re-imports the diagram: changing the id of the canvas root in place leaves bpmn-js with an
  // implicit root, after which new flows have "no parent".
  async function renameProcess(key) {
    const old = processBo() && processBo().id;
    if (!key || !old || old === key) return;
    const { xml } = await modeler.saveXML();
    const quoted = old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await modeler.importXML(xml.replace(new RegExp(`(\\s(?:id|bpmnElement))="${quoted}"`, 'g'), `$1="${key}"`));
  }
  keyInput.addEventListener('change', () => renameProcess(keyInput.value.trim()).catch(err => say(err.message, true)));
  modeler.on('import.done', () => { if (!readonlyVersion && processBo()) keyInput.value = processBo().id; });

  async function saveDraft() {
    const key = currentKey();
    await renameProcess(key);
    const { xml } = await modeler.saveXML({ format: true });
    const draft = await json(`/api/definitions/${encodeURIComponent(key)}/draft`, { method: 'PUT', headers: { 'Content-Type': 'application/xml' }, body: xml });
    say(t('designer.draftSaved'));
    history.replaceState(null, '', `/designer/${encodeURIComponent(key)}`);
    return draft;
  }
  document.getElementById('save-draft').addEventListener('click', () => saveDraft().catch(err => say(err.message, true)));
  document.getElementById('publish').addEventListener('click', async () => {
    try {
      await saveDraft();
      const v = await json(`/api/definitions/${encodeURIComponent(currentKey())}/draft/publish`, { method: 'POST' });
      say(`${t('designer.published')} v${v.version}`);
      await loadVersions();
    } catch (err) {
      say(err.message, true);
      if (err.body && err.body.errors) await validate();
    }
  });
  document.getElementById('import-file').addEventListener('change', async e => {
    const file = e.target.files[0];
    if (!file) return;
    try { await modeler.importXML(await file.text()); canvas.zoom('fit-viewport'); setReadonly(null); say(file.name); }
    catch (err) { say(err.message, true); }
  });
  document.getElementById('download').addEventListener('click', async () => {
    const { xml } = await modeler.saveXML({ format: true });
    const a = el('a', { href: URL.createObjectURL(new Blob([xml], { type: 'application/xml' })), download: `${currentKey()}.bpmn` });
    a.click();
  });

  // ---- versions ----
  async function loadVersions() {
    const key = currentKey();
    const versions = await json(`/api/definitions/${encodeURIComponent(key)}/versions`).catch(() => []);
    const body = document.getElementById('versions');
    body.replaceChildren();
    for (const v of [...versions].reverse()) {
      body.append(el('tr', { 'data-version': v.version },
        el('td', {}, `v${v.version}`), el('td', {}, v.deployedBy || ''), el('td', {}, new Date(v.deployedAt).toLocaleString()),
        el('td', {}, el('a', { href: `/designer/${encodeURIComponent(key)}?version=${v.version}` }, t('designer.view')), ' · ',
          el('a', { href: `/api/definitions/${encodeURIComponent(key)}/versions/${v.version}/xml`, download: `${key}-v${v.version}.bpmn` }, 'XML'))));
    }
    for (const id of ['diff-from', 'diff-to', 'mig-from', 'mig-to']) {
      const s = document.getElementById(id);
      s.replaceChildren(...versions.map(v => el('option', { value: v.version }, `v${v.version}`)));
      if (versions.length) s.value = String(id.endsWith('from') ? versions.at(Math.max(-2, -versions.length)).version : versions.at(-1).version);
    }
    return versions;
  }

  // ---- diff ----
  document.getElementById('compare').addEventListener('click', async () => {
    const key = currentKey();
    const from = document.getElementById('diff-from').value, to = document.getElementById('diff-to').value;
    try {
      const diff = await json(`/api/definitions/${encodeURIComponent(key)}/diff?from=${from}&to=${to}`);
      await openVersion(key, Number(to));
      const list = document.getElementById('diff');
      list.replaceChildren();
      const show = (items, kind, label) => items.forEach(d => {
        list.append(el('li', { class: `diff-${kind}` }, el('strong', {}, label), ' ', el('code', {}, d.elementId), ` ${d.name || ''} ${d.changedAttributes.length ? '— ' + d.changedAttributes.join(', ') : ''}`));
        if (kind !== 'removed' && elementRegistry.get(d.elementId)) canvas.addMarker(d.elementId, `wf-diff-${kind}`);
      });
      show(diff.added, 'added', t('designer.added'));
      show(diff.changed, 'changed', t('designer.changed'));
      show(diff.removed, 'removed', t('designer.removed'));
    } catch (err) { say(err.message, true); }
  });

  // ---- migration ----
  let plan = null;
  const migBody = () => ({
    from: Number(document.getElementById('mig-from').value), to: Number(document.getElementById('mig-to').value),
    mapping: Object.fromEntries([...document.querySelectorAll('#mig-mapping select')].filter(s => s.value).map(s => [s.dataset.source, s.value]))
  });
  document.getElementById('mig-plan').addEventListener('click', async () => {
    try {
      plan = await json(`/api/definitions/${encodeURIComponent(currentKey())}/migrations/plan`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(migBody()) });
      const table = document.getElementById('mig-mapping');
      table.replaceChildren(el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('designer.from')), el('th', { scope: 'col' }, t('designer.to')))));
      const tbody = el('tbody');
      for (const source of [...Object.keys(plan.mapping), ...plan.unmapped]) {
        const select = el('select', { 'data-source': source, 'aria-label': source }, el('option', { value: '' }, t('designer.unmapped')),
          ...plan.targetWaitStates.map(w => el('option', { value: w.elementId }, `${w.elementId} (${w.kind})`)));
        select.value = plan.mapping[source] || '';
        tbody.append(el('tr', {}, el('td', {}, el('code', {}, source)), el('td', {}, select)));
      }
      table.append(tbody);
      const result = document.getElementById('mig-result');
      result.replaceChildren(...(plan.instances.length ? plan.instances.map(i => el('li', {}, el('a', { href: `/instances/${i.instanceId}` }, i.businessKey || i.instanceId), ` — ${i.activeElementIds.join(', ')}`)) : [el('li', {}, t('designer.noInstances'))]));
    } catch (err) { say(err.message, true); }
  });
  const showVerdicts = items => document.getElementById('mig-result').replaceChildren(...(items.length ? items.map(i =>
    el('li', { class: i.canMigrate ? 'diff-added' : 'diff-removed' }, el('strong', {}, i.canMigrate ? t('designer.canMigrate') : t('designer.cannotMigrate')), ' ',
      el('a', { href: `/instances/${i.instanceId}` }, i.businessKey || i.instanceId), ' ', i.problems.join('; '))) : [el('li', {}, t('designer.noInstances'))]));
  document.getElementById('mig-dry').addEventListener('click', async () => {
    try { showVerdicts(await json(`/api/definitions/${encodeURIComponent(currentKey())}/migrations/dry-run`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(migBody()) })); }
    catch (err) { say(err.message, true); }
  });
  document.getElementById('mig-run').addEventListener('click', async () => {
    const res = await fetch(`/api/definitions/${encodeURIComponent(currentKey())}/migrations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(migBody()) });
    const body = await res.json().catch(() => null);
    if (body && body.instances) showVerdicts(body.instances);
    say(res.ok ? `${t('designer.run')} ✓` : `${t('designer.cannotMigrate')}`, !res.ok);
  });

  try {
    await loadInitial();
    await loadVersions();
  } catch (err) { say(err.message, true); }
  root.dataset.ready = 'true';
})();
