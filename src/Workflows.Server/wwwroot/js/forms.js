// Script island of the form designer: form-js editor, a live viewer for preview and validation, save as a new version.
(async () => {
  const { t, json, el } = window.wf;
  const root = document.querySelector('.forms');
  const select = document.getElementById('form-key');
  const message = document.getElementById('form-message');
  const forms = await json('/api/forms');
  select.replaceChildren(...forms.map(f => el('option', { value: f.key }, `${f.key}${f.latestVersion ? ' · v' + f.latestVersion : ''}`)));
  if (root.dataset.key) select.value = root.dataset.key;
  const editor = new window.FormEditor.FormEditor({ container: document.getElementById('form-editor') });
  window.formEditor = editor;
  let viewer = null;
  async function preview() {
    const schema = editor.saveSchema();
    viewer?.destroy();
    viewer = new window.FormViewer.Form({ container: document.getElementById('form-preview') });
    await viewer.importSchema(schema, {});
  }
  async function open(key) {
    if (!key) return;
    const schema = await json(`/api/forms/${encodeURIComponent(key)}`);
    await editor.importSchema(schema);
    await preview();
  }
  editor.on('changed', () => { clearTimeout(window.__previewTimer); window.__previewTimer = setTimeout(preview, 400); });
  select.addEventListener('change', () => open(select.value).catch(err => message.textContent = err.message));
  document.getElementById('form-save').addEventListener('click', async () => {
    try {
      const saved = await json(`/api/forms/${encodeURIComponent(select.value)}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(editor.saveSchema()) });
      message.textContent = `${t('forms.saved')} v${saved.version}`;
    } catch (err) { message.textContent = err.message; }
  });
  document.getElementById('form-validate').addEventListener('click', () => {
    const result = viewer.submit();
    const count = Object.keys(result.errors || {}).length;
    document.getElementById('form-validation').textContent = count ? `${t('forms.errors')} (${count})` : t('forms.ok');
  });
  await open(select.value);
  root.dataset.ready = 'true';
})();
