/** Public face of the workstation-check feature. */
export { ReadinessPanel } from './readiness-panel';
