// Script island of the instance live view: the diagram of the instance's version with active elements highlighted,
// the completed path shaded, and the audit trail beside it.
(async () => {
  const { json, el } = window.wf;
  const root = document.querySelector('.instance');
  const id = root.dataset.id;
  const instance = await json(`/api/instances/${id}`);
  const history = await json(`/api/instances/${id}/history`).catch(() => []);
  document.getElementById('instance-caption').textContent = `${instance.definitionKey} v${instance.version} · ${instance.businessKey || id}`;
  document.getElementById('instance-status').textContent = instance.status;
  const xml = await fetch(`/api/definitions/${encodeURIComponent(instance.definitionKey)}/versions/${instance.version}/xml`).then(r => r.text());
  const viewer = new window.BpmnJS({ container: '#canvas' });
  window.viewer = viewer;
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  canvas.zoom('fit-viewport');
  for (const e of new Set(instance.completedElementIds || [])) if (registry.get(e)) canvas.addMarker(e, 'wf-done');
  for (const e of instance.activeElementIds || []) if (registry.get(e)) canvas.addMarker(e, 'wf-active');
  const list = document.getElementById('history');
  for (const h of history) {
    list.append(el('li', {}, el('time', { datetime: h.at }, new Date(h.at).toLocaleString()), ' ', el('strong', {}, h.action),
      h.elementId ? el('code', {}, ` ${h.elementId}`) : '', h.actor ? ` · ${h.actor}` : ''));
  }
  root.dataset.ready = 'true';
})();
