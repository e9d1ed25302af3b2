import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit test files each get a TMPDIR of their own, removed when the file ends (nothing left on the machine).
const PER_FILE_TMPDIR = './test/support/per-file-tmpdir.ts';

/**
 * One Vitest run, several projects mirroring the source tree:
 * main (Node), renderer (jsdom), integration (real sshd, keychain, kubectl, stand-ins),
 * e2e (Playwright driving the built renderer in Chromium), reliability (fuzzing and faults).
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'main', environment: 'node', include: ['test/unit/main/**/*.test.ts'], setupFiles: [PER_FILE_TMPDIR] } },
      {
        plugins: [react()],
        test: { name: 'renderer', environment: 'jsdom', include: ['test/unit/renderer/**/*.test.{ts,tsx}'], setupFiles: [PER_FILE_TMPDIR] },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The same SSH suites again with the clients in the session process, as the app runs them
        // (the topology files already do, through connectivity-world; they need their slots alone).
        test: {
          name: 'integration-session-process',
          environment: 'node',
          include: ['test/integration/ssh/**/*.test.ts'],
          // vscode-export builds its own in-process connectivity and session-process.test.ts chooses for
          // itself, so either would only run twice unchanged.
          exclude: ['test/integration/ssh/topology-*.test.ts', 'test/integration/ssh/vscode-export.test.ts', 'test/integration/ssh/session-process.test.ts'],
          env: { AKS_TEST_SSH_CLIENTS: 'session-process' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'reliability',
          environment: 'node',
          include: ['test/reliability/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
