// Our properties provider for bpmn-js-properties-panel: the wf: moddle extension (wf-moddle.json) edited inside the
// panel itself — an "SLA / 时限" group (task limits, escalation, case clock; case limits on the process and its start
// event), the English name beside the name, candidate groups picked from the directory and forms picked from the
// server's form list. Entry components and preact come from the same bundle as the panel (ui/properties-panel.js).
(() => {
  const P = window.BpmnJSPropertiesPanel;
  const { h, TextFieldEntry, SelectEntry, isTextFieldEntryEdited, isSelectEntryEdited, useService } = P;
  const t = (key, ...args) => window.wf.t(key, ...args);
  const isEn = document.documentElement.lang === 'en';

  // Limits: working days ("5WD") or an ISO 8601 duration; warnings also take a share of the limit ("80%").
  const LIMIT = /^(\d+WD|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?)$/;
  const WARNING = /^(\d+WD|(100|\d{1,2})%|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?)$/;
  const ESCALATION = /^(notify|assign:chief|assign:\S+|group:\S+)$/;
  const splitList = v => (v || '').split(',').map(s => s.trim()).filter(Boolean);
  const is = (element, type) => !!element?.businessObject?.$instanceOf?.(type);

  // The process whose case-level limits an element shows: the process (or pool) itself, or the process of a top-level start event.
  function processOf(element) {
    const bo = element.businessObject;
    if (is(element, 'bpmn:Process')) return bo;
    if (is(element, 'bpmn:Participant')) return bo.processRef || null;
    if (is(element, 'bpmn:StartEvent') && element.parent && !is(element.parent, 'bpmn:SubProcess')) return processOf(element.parent);
    return null;
  }

  // ---- entry components (rendered by the panel's preact; props are the entry object plus the element) ----
  function AttrText(props) {
    const { element, id, target, attr, label, description, check } = props;
    const modeling = useService('modeling');
    const debounce = useService('debounceInput');
    return h(TextFieldEntry, {
      element, id, label, description, debounce,
      getValue: () => target.get(attr) || '',
      // A malformed value is written too, marked here and by the server's validation on the canvas: holding it back
      // would leave the field and the diagram disagreeing about what the designer typed.
      setValue: value => modeling.updateModdleProperties(element, target, { [attr]: (value || '').trim() || undefined }),
      validate: value => (value && check ? check(value.trim()) : null)
    });
  }

  function AttrSelect(props) {
    const { element, id, target, attr, label, description, options } = props;
    const modeling = useService('modeling');
    return h(SelectEntry, {
      element, id, label, description,
      getValue: () => target.get(attr) || '',
      setValue: value => modeling.updateModdleProperties(element, target, { [attr]: value || undefined }),
      getOptions: () => {
        const current = target.get(attr);
        const list = [{ value: '', label: t('designer.none') }, ...options];
        return current && !list.some(o => o.value === current) ? [...list, { value: current, label: current }] : list;
      }
    });
  }

  // Adds a directory group to camunda:candidateGroups (the text field beside it shows and edits the whole list).
  function AddGroup(props) {
    const { element, id, groups } = props;
    const modeling = useService('modeling');
    const bo = element.businessObject;
    return h(SelectEntry, {
      element, id, label: t('designer.addGroup'),
      getValue: () => '',
      setValue: value => {
        const chosen = splitList(bo.get('camunda:candidateGroups'));
        if (value && !chosen.includes(value)) modeling.updateProperties(element, { 'camunda:candidateGroups': [...chosen, value].join(',') });
      },
      getOptions: () => [{ value: '', label: '…' }, ...groups.map(g => ({ value: g.id, label: `${isEn ? g.nameEn : g.name} (${g.id})` }))]
    });
  }

  // ---- the provider ----
  function WfPropertiesProvider(propertiesPanel, config) {
    const groups = (config && config.groups) || [];
    const forms = ((config && config.forms) || []).map(f => ({ value: f.key, label: f.latestVersion ? `${f.key} (v${f.latestVersion})` : f.key }));
    const groupIds = new Set(groups.map(g => g.id));
    const checkLimit = v => (LIMIT.test(v) ? null : t('designer.badLimit'));
    const checkWarning = v => (WARNING.test(v) ? null : t('designer.badWarning'));
    const checkGroups = v => {
      const unknown = splitList(v).filter(g => !groupIds.has(g) && !g.includes('${'));
      return unknown.length ? t('designer.unknownGroup', unknown.join(', ')) : null;
    };
    const checkEscalation = v => {
      if (!ESCALATION.test(v)) return t('designer.badEscalation');
      return v.startsWith('group:') && !groupIds.has(v.slice(6)) ? t('designer.unknownGroup', v.slice(6)) : null;
    };
    const text = (id, target, attr, label, check, description) => ({ id, component: AttrText, isEdited: isTextFieldEntryEdited, target, attr, label, check, description });
    const select = (id, target, attr, label, options) => ({ id, component: AttrSelect, isEdited: isSelectEntryEdited, target, attr, label, options });

    function slaEntries(element) {
      const bo = element.businessObject;
      const entries = [];
      if (is(element, 'bpmn:UserTask')) {
        entries.push(
          text('wf-slaLimit', bo, 'wf:slaLimit', t('designer.slaLimit'), checkLimit),
          text('wf-slaStatutoryLimit', bo, 'wf:slaStatutoryLimit', t('designer.slaStatutory'), checkLimit),
          text('wf-slaWarning', bo, 'wf:slaWarning', t('designer.slaWarning'), checkWarning),
          select('wf-slaClock', bo, 'wf:slaClock', t('designer.slaClock'), [{ value: 'task', label: t('designer.clockTask') }, { value: 'case', label: t('designer.clockCase') }]),
          text('wf-slaPauseReasons', bo, 'wf:slaPauseReasons', t('designer.pauseReasons')),
          text('wf-escalation', bo, 'wf:escalation', t('designer.escalation'), checkEscalation, t('designer.escalationHint')));
      }
      const process = processOf(element);
      if (process) {
        entries.push(
          text('wf-committedLimit', process, 'wf:committedLimit', t('designer.committed'), checkLimit),
          text('wf-statutoryLimit', process, 'wf:statutoryLimit', t('designer.statutory'), checkLimit),
          text('wf-caseWarning', process, 'wf:slaWarning', t('designer.caseWarning'), checkWarning),
          text('wf-casePauseReasons', process, 'wf:slaPauseReasons', t('designer.pauseReasons')));
      }
      if (is(element, 'bpmn:FlowNode')) {
        entries.push(select('wf-caseClock', bo, 'wf:caseClock', t('designer.caseClock'),
          ['start', 'pause', 'resume', 'stop'].map(v => ({ value: v, label: `${t('designer.caseClock.' + v)} (${v})` }))));
      }
      return entries;
    }

    this.getGroups = element => panelGroups => {
      if (!element.businessObject) return panelGroups;
      const bo = element.businessObject;
      const general = panelGroups.find(g => g.id === 'general');
      if (general && (is(element, 'bpmn:FlowElement') || is(element, 'bpmn:Process') || is(element, 'bpmn:Participant') || is(element, 'bpmn:Lane'))) {
        const at = general.entries.findIndex(e => e.id === 'name');
        general.entries.splice(at + 1, 0, text('wf-nameEn', bo, 'wf:nameEn', t('designer.nameEn')));
      }
      // Candidate groups: typed or picked from the directory, checked against it.
      const assignment = panelGroups.find(g => g.id === 'CamundaPlatform__UserAssignment');
      if (assignment) {
        const at = assignment.entries.findIndex(e => e.id === 'candidateGroups');
        if (at >= 0) {
          assignment.entries.splice(at, 1,
            text('candidateGroups', bo, 'camunda:candidateGroups', t('designer.groups'), checkGroups),
            { id: 'wf-addGroup', component: AddGroup, groups });
        }
      }
      // Forms: the key or reference is one of the server's forms (workflows/forms and saved versions).
      const form = panelGroups.find(g => g.id === 'CamundaPlatform__Form');
      if (form) {
        form.entries = form.entries.map(e =>
          e.id === 'formKey' ? select('formKey', bo, 'camunda:formKey', t('designer.form'), forms)
            : e.id === 'formRef' ? select('formRef', bo, 'camunda:formRef', t('designer.form'), forms)
              : e);
      }
      const sla = slaEntries(element);
      if (sla.length) panelGroups.push({ id: 'wf-sla', label: t('designer.sla'), entries: sla });
      return panelGroups;
    };
    propertiesPanel.registerProvider(400, this); // after the BPMN (1000) and Camunda (500) providers, whose groups it adjusts
  }
  WfPropertiesProvider.$inject = ['propertiesPanel', 'config.wfProperties'];

  /** The bpmn-js module; configure with `wfProperties: { groups, forms }` (directory groups, server form list). */
  window.WfPropertiesProviderModule = { __init__: ['wfPropertiesProvider'], wfPropertiesProvider: ['type', WfPropertiesProvider] };
})();
