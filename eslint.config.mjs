// Lint rules, including the layering of house-style.md:
//   contract: zod only · services: never electron · preload: electron + contract only ·
//   renderer: no Node, no main-process code, the contract as types only ·
//   ipcMain only in ipc/electron-transport.ts, ipcRenderer only in preload/index.ts ·
//   a service area imports a sibling only through its index.ts, and service areas form no cycle ·
//   a renderer feature imports another feature only through its index.ts ·
//   events are the one Emitter (services/events/emitter.ts, shared with the renderer, so it imports nothing).
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { fileURLToPath } from 'node:url';
import areaBoundaries from './scripts/eslint/area-boundaries.mjs';
import oneEventPrimitive from './scripts/eslint/one-event-primitive.mjs';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'tls', 'dgram', 'worker_threads', 'module', 'vm'];
// Area roots are resolved from this file, so the rules hold whichever folder ESLint runs from.
const SERVICES = fileURLToPath(new URL('./src-main/services', import.meta.url));
const FEATURES = fileURLToPath(new URL('./src-renderer/features', import.meta.url));
const RAW_IPC = { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Raw IPC lives only in ipc/electron-transport.ts and preload/index.ts; register handlers through the router.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'No eval.' }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/ipc/electron-transport.ts', 'src-main/preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [RAW_IPC] }] },
  },
  {
    files: ['src-main/services/**/*.ts', 'src-main/security/**/*.ts', 'src-main/config/**/*.ts', 'src-main/core.ts', 'src-main/ipc/router.ts', 'src-main/ipc/handlers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Services and the core run under plain Node: put Electron code in src-main/platform or the glue files.' }],
        patterns: [{ regex: '(^|/)platform/|^(\\.\\./)+(index|window)$|^\\./(index|window)$', message: 'The core and services must not depend on Electron glue.' }],
      }],
    },
  },
  {
    files: ['src-main/ipc/contract.ts', 'src-main/ipc/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$|\\./).*', message: 'The contract imports zod (and its own files) only.' }] }],
    },
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!electron$|\\./|\\.\\./ipc/contract$).*', message: 'The preload may use electron, the contract and its own builder only.' }],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer is sandboxed: talk to main through ipc/bridge.ts.' },
          ...NODE_BUILTINS.map((name) => ({ name, message: 'No Node APIs in the renderer.' })),
        ],
        patterns: [
          { regex: '^node:', message: 'No Node APIs in the renderer.' },
          { regex: '^(ssh2|keytar|ws|@azure/.*)$', message: 'Main-process libraries stay in main.' },
          { regex: 'src-main/(?!ipc/contract|services/events/emitter$)', message: 'The renderer may import only the contract (as types) and the one event primitive.' },
          { regex: 'src-main/ipc/contract', allowTypeImports: true, message: 'Import the contract as types only (import type …).' },
        ],
      }],
    },
  },
  {
    files: ['src-main/services/**/*.ts'],
    plugins: { 'area-boundaries': areaBoundaries },
    rules: {
      'area-boundaries/index-only': ['error', { root: SERVICES, what: 'service area' }],
      'area-boundaries/no-area-cycle': ['error', { root: SERVICES, what: 'service area' }],
    },
  },
  {
    files: ['src-renderer/features/**/*.{ts,tsx}'],
    plugins: { 'area-boundaries': areaBoundaries },
    rules: {
      'area-boundaries/index-only': ['error', { root: FEATURES, what: 'feature' }],
      'area-boundaries/no-area-cycle': ['error', { root: FEATURES, what: 'feature' }],
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    plugins: { 'one-event-primitive': oneEventPrimitive },
    rules: { 'one-event-primitive/no-hand-rolled-events': 'error' },
  },
  {
    files: ['src-main/services/events/emitter.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '.*', message: 'The event primitive is shared with the renderer: it imports nothing.' }] }] },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
