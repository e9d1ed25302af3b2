/** Local files: main-side file choices, path safety, and the previewed, audited change of a file. */
export { applyAudited, FileChangePlanner, type FileChangePreviewValue } from './file-change';
export { type FileTargetChoice, FileTargets } from './file-targets';
export { assertLocalPath, assertSafeValue } from './safe-path';
