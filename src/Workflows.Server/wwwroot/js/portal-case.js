// The case island for applicants: timeline from the case's clocks and notices, due date, supplement answers, rating.
(function () {
  const { t, api, el, name, date, dateTime, error, idem } = window.wfui;
  const root = document.getElementById('case-page');
  const id = root.dataset.instanceId;
  let bureaus = {};

  async function load() {
    const tl = document.getElementById('timeline');
    try {
      const [instance, clocks, notices, bs] = await Promise.all([
        api('/api/instances/' + id), api(`/api/instances/${id}/clocks`).catch(() => []),
        api(`/api/instances/${id}/supplements`).catch(() => []), api('/api/directory/bureaus').catch(() => [])]);
      bs.forEach(b => { bureaus[b.code] = b; });
      document.getElementById('case-key').textContent = instance.businessKey || '';
      const v = instance.variables || {};
      // A refusal ends the case through a terminate (or error) end event, which the API names (endEvent): say which
      // refusal it was (不予受理 / 不予许可), not "ended". Variables (the reject action writes rejectReason; some models
      // decide with accepted=false) still tell a refusal where no end event is named.
      const end = instance.endEvent;
      const refusedAtEnd = Boolean(end && end.kind !== 'none');
      const refused = refusedAtEnd || Boolean(v.rejectReason || v.rejected || v.accepted === false);
      const refusal = refusedAtEnd && (end.name || end.nameEn) ? name(end) : t('portal.rejected');
      document.getElementById('case-status').textContent = '· ' + (refused && instance.endedAt ? refusal : t('portal.status.' + String(instance.status).toLowerCase()));
      const caseClock = clocks.find(c => c.kind === 'case');
      document.getElementById('due-date').textContent = caseClock && caseClock.dueAt ? date(caseClock.dueAt) : '—';
      const items = [{ at: instance.createdAt, text: t('portal.accepted') }];
      for (const c of clocks.filter(c => c.kind === 'task')) {
        const b = bureaus[c.bureau];
        items.push({ at: c.startedAt, text: t('portal.with', b ? name(b) : (c.bureau || '')), current: !c.stoppedAt });
      }
      for (const n of notices) {
        items.push({ at: n.issuedAt, text: t('portal.pausedSupplement'), paused: !n.answeredAt });
        if (n.answeredAt) items.push({ at: n.answeredAt, text: t('portal.answered') });
      }
      if (instance.endedAt || (caseClock && caseClock.stoppedAt)) {
        items.push({ at: (caseClock && caseClock.stoppedAt) || instance.endedAt,
          text: refused ? refusal + (v.rejectReason ? ' · ' + v.rejectReason : '') : (t('portal.finished') + ' · ' + (v.delivery === 'courier' ? t('portal.courier') : t('portal.pickup'))) });
      }
      items.sort((a, b) => new Date(a.at) - new Date(b.at));
      tl.replaceChildren(...items.map(i => el('li', { class: i.paused ? 'paused' : i.current ? 'current' : null }, el('time', { datetime: i.at }, dateTime(i.at)), el('div', null, i.text))));
      renderNotices(notices.filter(n => !n.answeredAt));
      rating();
    } catch (e) { error(tl, e); }
  }

  function renderNotices(open) {
    const panel = document.getElementById('notices-panel');
    const box = document.getElementById('notices');
    panel.hidden = !open.length;
    box.replaceChildren(...open.map(n => {
      const items = Array.isArray(n.items) ? n.items : [];
      const f = el('form', { 'data-notice': n.id },
        el('p', null, t('portal.missing')),
        n.note ? el('p', { class: 'opinion' }, n.note) : null,
        el('ol', { class: 'materials' }, items.map((it, i) => el('li', null,
          el('label', { for: `s-${n.id}-${i}` }, it.name || it.key), it.note ? el('span', { class: 'note' }, it.note) : null,
          el('input', { type: 'file', id: `s-${n.id}-${i}`, name: it.key, required: true })))),
        el('button', { type: 'submit', class: 'primary', 'data-testid': 'answer-notice' }, t('portal.answer')));
      f.addEventListener('submit', async e => {
        e.preventDefault();
        const data = new FormData();
        f.querySelectorAll('input[type=file]').forEach(input => { for (const file of input.files) data.append(input.name, file, file.name); });
        try {
          await api(`/api/instances/${id}/supplements/${n.id}/answer`, { method: 'POST', body: data, headers: { 'Idempotency-Key': idem() } });
          load();
        } catch (err) { f.append(el('p', { class: 'error', role: 'alert' }, t('common.error') + err.message)); }
      });
      return f;
    }));
  }

  async function rating() {
    try {
      const page = await api('/api/tasks?queue=mine&pageSize=50');
      const task = page.items.find(x => x.instanceId === id && x.formKey === 'rating');
      const panel = document.getElementById('rating-panel');
      panel.hidden = !task;
      if (!task) return;
      const form = document.getElementById('rating-form');
      form.onsubmit = async e => {
        e.preventDefault();
        const chosen = form.querySelector('input[name=rating]:checked');
        if (!chosen) { form.querySelector('input[name=rating]').focus(); return; }
        try {
          await api(`/api/portal/tasks/${encodeURIComponent(task.id)}/rate`, { json: { rating: Number(chosen.value), ratingComment: form.ratingComment.value || null } });
          form.hidden = true;
          document.getElementById('rating-result').replaceChildren(el('p', { class: 'ok' }, t('portal.thanks')));
        } catch (err) { document.getElementById('rating-result').replaceChildren(el('p', { class: 'error', role: 'alert' }, t('common.error') + err.message)); }
      };
    } catch { /* no rating offered */ }
  }

  load();
})();
