import type { ESLint } from 'eslint';

/** The plugin: `one-event-primitive/no-hand-rolled-events`. */
declare const plugin: ESLint.Plugin;
export default plugin;
