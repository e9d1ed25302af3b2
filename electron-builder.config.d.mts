import type { Configuration } from 'electron-builder';

/** The electron-builder configuration (electron-builder.config.mjs). */
declare const config: Configuration;
export default config;
