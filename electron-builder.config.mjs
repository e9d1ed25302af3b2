// electron-builder configuration of the AKS Access Console (docs/packaging.md). Validated without
// the Electron binary by `npm run dist:check` (scripts/dist-check.ts). Signing is configured only
// through environment variables, never through files in the repository.
const env = process.env;
const requireSigning = env.AKS_CONSOLE_REQUIRE_SIGNING === '1';

/** Azure Trusted Signing for Windows when its variables are present (else CSC_LINK / WIN_CSC_LINK, if any). */
const azureSignOptions = env.AZURE_TRUSTED_SIGNING_ENDPOINT
  ? {
      endpoint: env.AZURE_TRUSTED_SIGNING_ENDPOINT,
      codeSigningAccountName: env.AZURE_TRUSTED_SIGNING_ACCOUNT,
      certificateProfileName: env.AZURE_TRUSTED_SIGNING_PROFILE,
      publisherName: env.AZURE_TRUSTED_SIGNING_PUBLISHER,
    }
  : undefined;

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'io.github.aks-access-console',
  productName: 'AKS Access Console',
  executableName: 'aks-access-console',
  copyright: 'Copyright © AKS Access Console contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // Only the built bundles and package.json; tests, stand-ins, demo mode, scripts and sources stay out.
  files: ['out/**/*', 'package.json', '!**/*.map', '!**/*.{ts,tsx,mts,cts}', '!**/{test,tests,__tests__,standins,demo}/**'],
  extraResources: [{ from: 'resources/policy.schema.json', to: 'policy.schema.json' }],
  asar: true,
  // Native addons must be real files on disk to be loaded (keytar; ssh2's optional crypto and cpu-features).
  // ssh2 spawns its Pageant helper (pagent.exe) as a process: a file inside the asar cannot be run.
  // kubectl runs the native credential helper (out/main/aks-console-kube-credential, Linux and macOS) as a process too.
  asarUnpack: ['**/*.node', '**/ssh2/util/pagent.exe', 'out/main/aks-console-kube-credential'],
  // Rebuild native modules against Electron's ABI on the build machine (keytar is N-API; ssh2's optional
  // addons fall back to Node crypto if their rebuild fails, which electron-builder reports).
  npmRebuild: true,
  buildDependenciesFromSource: false,
  nodeGypRebuild: false,
  electronLanguages: ['en-US', 'ja'],
  afterPack: './build/after-pack.mjs',
  forceCodeSigning: requireSigning,
  win: {
    target: [
      { target: 'nsis', arch: ['x64', 'arm64'] },
      { target: 'msi', arch: ['x64'] },
    ],
    ...(azureSignOptions ? { azureSignOptions } : {}),
    signtoolOptions: { signingHashAlgorithms: ['sha256'], rfc3161TimeStampServer: env.WIN_TIMESTAMP_SERVER || 'http://timestamp.digicert.com' },
    requestedExecutionLevel: 'asInvoker',
    // Sign every native binary, not only the app's .exe: a publisher-based WDAC policy refuses an
    // unsigned keytar.node, ssh2 addon or the WAM runtime (msalruntime.dll) when it loads.
    signExts: ['.node', '.dll', '.exe'],
  },
  nsis: {
    // Per-machine install into Program Files; silent for Intune: `<setup>.exe /S` (see docs/packaging.md).
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: false,
    createStartMenuShortcut: true,
    deleteAppDataOnUninstall: false,
    artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
  },
  msi: {
    // Per-machine MSI for Intune line-of-business apps: `msiexec /i <file>.msi /qn`.
    perMachine: true,
    oneClick: true,
    runAfterFinish: false,
    createDesktopShortcut: false,
    upgradeCode: '5b0d7a3c-4f0e-4d64-9d1b-2f6c8f6b1a47',
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
    // Signing identity from CSC_LINK/CSC_KEY_PASSWORD or the keychain; notarized when Apple credentials are set.
    notarize: Boolean(env.APPLE_TEAM_ID && (env.APPLE_API_KEY || env.APPLE_ID)),
  },
  dmg: { sign: false, artifactName: '${productName}-${version}-${arch}.${ext}' },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ],
    category: 'Network',
    maintainer: 'AKS Access Console contributors',
    synopsis: 'Reach private AKS clusters from privileged access workstations',
  },
  deb: {
    // keytar talks to the Secret Service through libsecret; the kerberos addon (proxy Negotiate) to MIT GSSAPI.
    depends: ['libsecret-1-0', 'libnss3', 'libgtk-3-0', 'libxss1', 'libasound2', 'libgssapi-krb5-2'],
    priority: 'optional',
  },
  publish: null,
};

export default config;
