/**
 * Every string table the renderer ships. The shell's strings live in `./locales`; each feature
 * keeps its own tables in `features/<name>/locales/{en,ja}.json` under its own top-level key,
 * registered here, so features can grow in parallel without editing one shared file.
 */
import coreEn from './locales/en.json';
import coreJa from './locales/ja.json';
import auditEn from '../features/audit/locales/en.json';
import auditJa from '../features/audit/locales/ja.json';

/** English strings, by feature key. */
export const en = {
  ...coreEn,
  ...auditEn,
};

/** Japanese strings, by feature key; a test requires the same keys as English. */
export const ja = {
  ...coreJa,
  ...auditJa,
};
