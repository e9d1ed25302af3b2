/** Public face of the command-invoke feature. */
export { CommandInvokeConsole } from './command-invoke-console';
export { invokeHistory } from './invoke-history';
