/** Public face of the terminals feature. */
export { TerminalsScreen } from './terminals-screen';
