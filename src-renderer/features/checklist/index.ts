/** Public face of the checklist feature. */
export { ChecklistScreen } from './checklist-screen';
export { checklistReducer, checklistRows, summarize, progress, STATUS_SYMBOL } from './checklist-model';
export { checkTitle } from './check-title';
export { CheckTextLines, wordCheckText } from './check-text';
export type { ChecklistRunState, ChecklistEvent } from './checklist-model';
export { ChecklistRunAnnouncer, runOutcomeText } from './run-announcer';
