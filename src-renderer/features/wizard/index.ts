/** Public face of the wizard feature. */
export { WizardScreen } from './wizard-screen';
