// Entry of the designer's properties-panel bundle (built by esbuild into wwwroot/lib/bpmn-js-properties-panel/).
// The published UMD bundle exports only the provider modules; a provider of our own needs the entry components and
// preact of the very same @bpmn-io/properties-panel instance the panel renders with (hooks are per preact copy), so
// everything is bundled once and exposed as window.BpmnJSPropertiesPanel.
export {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
  useService
} from 'bpmn-js-properties-panel';
export {
  Group,
  ListGroup,
  TextFieldEntry,
  SelectEntry,
  CheckboxEntry,
  isTextFieldEntryEdited,
  isSelectEntryEdited,
  isCheckboxEntryEdited
} from '@bpmn-io/properties-panel';
export { h, Fragment } from '@bpmn-io/properties-panel/preact';
