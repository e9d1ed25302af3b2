/** Public face of the terminals feature. */
export { TerminalsScreen } from './terminals-screen';
export { OpenTerminalAction } from './open-terminal-action';
export { KubectlTerminalAction } from './kubectl-terminal-action';
export { findDestructiveCommands, isProductionTagged } from './destructive-commands';
export { useTerminalSettings, updateTerminalSettings, LIMITS as TERMINAL_LIMITS } from './terminal-preferences';
