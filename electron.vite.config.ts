import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Builds the three bundles from the fixed top-level folders:
 * - main: ESM, dependencies left in node_modules (native keytar/ssh2 must load from there);
 * - preload: one self-contained CommonJS file, as a sandboxed preload requires;
 * - renderer: minified React app with no source maps in production.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      // The second entry is kubectl's credential helper as a plain Node script (development, tests, bench);
      // packaged builds run the same code through index.ts as `<app> --kube-credential`. The third is
      // the session process (SSH clients, sockets, channels), which index.ts starts with utilityProcess.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          'kube-credential-helper': resolve(__dirname, 'src-main/kube-credential-helper.ts'),
          'session-host': resolve(__dirname, 'src-main/session-host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      sourcemap: false,
      // One bundle read from the app package on local disk, never downloaded: Vite's 500 kB warning is
      // about web delivery. The limit still catches a dependency that doubles the bundle (~0.95 MB today).
      chunkSizeWarningLimit: 1400,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
