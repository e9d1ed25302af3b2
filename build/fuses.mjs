// The Electron fuses the packaged console ships with, flipped in build/after-pack.mjs and
// asserted by scripts/dist-check.ts and the security checklist test. Every fuse is set explicitly.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** @type {import('@electron/fuses').FuseV1Config & { strictlyRequireAllFuses: true }} */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // No ELECTRON_RUN_AS_NODE: the signed binary cannot be used as a general-purpose Node.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and local storage encrypted with an OS-protected key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // No NODE_OPTIONS / --inspect: nobody attaches a debugger or preloads code into main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar is checked against the hash embedded at pack time, and only it is loaded.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // file:// gets no extra privileges (the renderer is served from the app:// protocol).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
};
