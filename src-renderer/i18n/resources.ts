/**
 * Every string table the renderer ships. The shell's strings live in `./locales`; each feature
 * keeps its own tables in `features/<name>/locales/{en,ja}.json` under its own top-level key,
 * registered here, so features can grow in parallel without editing one shared file.
 */
import coreEn from './locales/en.json';
import coreJa from './locales/ja.json';
import auditEn from '../features/audit/locales/en.json';
import auditJa from '../features/audit/locales/ja.json';
import lockEn from '../features/lock/locales/en.json';
import lockJa from '../features/lock/locales/ja.json';
import uiEn from '../ui/locales/en.json';
import uiJa from '../ui/locales/ja.json';
import clustersEn from '../features/clusters/locales/en.json';
import clustersJa from '../features/clusters/locales/ja.json';
import wizardEn from '../features/wizard/locales/en.json';
import wizardJa from '../features/wizard/locales/ja.json';
import checklistEn from '../features/checklist/locales/en.json';
import checklistJa from '../features/checklist/locales/ja.json';
import terminalsEn from '../features/terminals/locales/en.json';
import terminalsJa from '../features/terminals/locales/ja.json';
import jitEn from '../features/jit/locales/en.json';
import jitJa from '../features/jit/locales/ja.json';
import commandInvokeEn from '../features/command-invoke/locales/en.json';
import commandInvokeJa from '../features/command-invoke/locales/ja.json';
import hostKeysEn from '../features/host-keys/locales/en.json';
import hostKeysJa from '../features/host-keys/locales/ja.json';
import signinEn from '../features/signin/locales/en.json';
import signinJa from '../features/signin/locales/ja.json';
import preferencesEn from '../features/settings/locales/en.json';
import preferencesJa from '../features/settings/locales/ja.json';
import readinessEn from '../features/readiness/locales/en.json';
import readinessJa from '../features/readiness/locales/ja.json';
import apiHopEn from '../features/api-hop/locales/en.json';
import apiHopJa from '../features/api-hop/locales/ja.json';
import messagesEn from '../ui/messages/locales/en.json';
import messagesJa from '../ui/messages/locales/ja.json';
import pimEn from '../features/pim/locales/en.json';
import pimJa from '../features/pim/locales/ja.json';
import a11yEn from '../ui/a11y/locales/en.json';
import a11yJa from '../ui/a11y/locales/ja.json';

/** English strings, by feature key. */
export const en = {
  ...preferencesEn,
  ...uiEn,
  ...clustersEn,
  ...wizardEn,
  ...checklistEn,
  ...terminalsEn,
  ...jitEn,
  ...commandInvokeEn,
  ...hostKeysEn,
  ...signinEn,
  ...coreEn,
  ...auditEn,
  ...lockEn,
  ...readinessEn,
  ...apiHopEn,
  ...messagesEn,
  ...pimEn,
  ...a11yEn,
};

/** Japanese strings, by feature key; a test requires the same keys as English. */
export const ja = {
  ...preferencesJa,
  ...uiJa,
  ...clustersJa,
  ...wizardJa,
  ...checklistJa,
  ...terminalsJa,
  ...jitJa,
  ...commandInvokeJa,
  ...hostKeysJa,
  ...signinJa,
  ...coreJa,
  ...auditJa,
  ...lockJa,
  ...readinessJa,
  ...apiHopJa,
  ...messagesJa,
  ...pimJa,
  ...a11yJa,
};
