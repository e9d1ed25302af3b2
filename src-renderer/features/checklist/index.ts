/** Public face of the checklist feature. */
export { ChecklistScreen } from './checklist-screen';
