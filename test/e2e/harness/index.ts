/**
 * Runs the real renderer in Debian's Chromium with the real main-process core behind it.
 * Only the transport differs from Electron: `page.exposeBinding` instead of ipcMain, and an
 * init script built from the same `buildPreloadApi` instead of the Electron preload.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AppConfigInput } from '../../../src-main/config/app-config';
import { createConsoleCore, type ConsoleCore, type CoreOptions } from '../../../src-main/core';
import type { IpcEnvelope } from '../../../src-main/ipc/contract/define';
import type { PortHello } from '../../../src-main/ipc/contract';
import type { PortEnd } from '../../../src-main/ipc/router';
import { sameOriginMainFrame } from '../../../src-main/security/sender-policy';
import { testCoreOptions } from '../../support/core-options';
import { deliverToPage, EventPump } from './event-pump';
import { startRendererServer } from './static-server';
import { FOCUS_TRAIL_SCRIPT } from './focus-trail';
import { MemoryLogger } from '../../support/memory-logger';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const RENDERER_DIR = path.join(ROOT, 'out/renderer');
/** Where screenshots and other artifacts of e2e runs go (ignored by git). */
export const OUTPUT_DIR = path.join(ROOT, 'test-output');

/** Flags that keep Chromium quiet on a machine with no network but the package registries. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** How to start a harness. */
export interface HarnessOptions {
  /** Configuration input (endpoints of the stand-ins); `simulated` defaults to true here. */
  readonly config?: AppConfigInput;
  /** Overrides of the core's ports (test browser, secret store, …). */
  readonly core?: Partial<CoreOptions>;
  /** UI language the browser reports (drives the first-start default). */
  readonly language?: 'en' | 'ja';
  /** Show the window (needs a display, e.g. under xvfb-run); also set by AKS_HEADED=1. */
  readonly headed?: boolean;
  /** Viewport size. */
  readonly viewport?: { width: number; height: number };
}

/** One IPC message the renderer received: an invoke's answer or an event. */
export interface ReceivedMessage {
  readonly kind: 'response' | 'event';
  readonly name: string;
  readonly payload: unknown;
}

/** A running harness. */
export interface Harness {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly core: ConsoleCore;
  readonly origin: string;
  readonly appDataDir: string;
  readonly log: MemoryLogger;
  /** Every answer and event the renderer received, for secret scans. */
  readonly received: ReceivedMessage[];
  /** Links the core handed to the "OS browser". */
  readonly openedLinks: string[];
  /** Opens a session data port to the page (what `ssh.port` does; test feeds call it for sessions main does not hold). */
  openPort(hello: PortHello): PortEnd;
  /** Saves a full-page screenshot as test-output/screens/<name>.png and returns its path. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

let preloadScript: Promise<string> | undefined;

/** Bundles the browser preload once per process. */
function browserPreload(): Promise<string> {
  preloadScript ??= build({
    entryPoints: [path.join(HERE, 'browser-preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return preloadScript;
}

/** Starts the core, the renderer server and Chromium, and opens the console page. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('the built renderer is missing: run `npm run build` before the e2e suite');
  }
  const language = options.language ?? 'en';
  const appDataDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-e2e-'));
  const server = await startRendererServer(RENDERER_DIR);
  const log = new MemoryLogger();
  const openedLinks: string[] = [];
  const received: ReceivedMessage[] = [];
  const core = createConsoleCore(
    testCoreOptions(
      { appDataDir, log, isTrustedSender: sameOriginMainFrame(server.origin), config: options.config, language, openedLinks },
      options.core,
    ),
  );

  const browser: Browser = await chromium.launch({
    executablePath: process.env.AKS_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: !(options.headed ?? process.env.AKS_HEADED === '1'),
  });
  const context = await browser.newContext({
    locale: language === 'ja' ? 'ja-JP' : 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 840 },
  });
  const page = await context.newPage();
  const pump = new EventPump(deliverToPage(page));
  await page.exposeBinding('__aksInvoke', async (source, channel: unknown, payload: unknown) => {
    const envelope: IpcEnvelope = await core.router.dispatch(channel, payload, {
      url: source.frame.url(),
      isMainFrame: source.frame === source.page.mainFrame(),
      senderId: 'harness-page',
    });
    received.push({ kind: 'response', name: String(channel), payload: envelope });
    // As over Electron's IPC, the answer reaches the page after the events main sent before it.
    await pump.deliveredUpTo(pump.mark());
    return envelope;
  });
  let lastPort = 0;
  const portEnds = new Map<number, { message?: (message: unknown) => void }>();
  await page.exposeBinding('__aksPort', (_source, id: unknown, message: unknown) => {
    portEnds.get(Number(id))?.message?.(message);
  });
  /** Main's end of a data port over the page binding: frames go out through the pump, in order with events. */
  const openPort = (hello: PortHello): PortEnd => {
    const id = ++lastPort;
    const entry: { message?: (message: unknown) => void } = {};
    portEnds.set(id, entry);
    pump.send('__port.open', { id, hello });
    return {
      post: (message) => {
        received.push({ kind: 'event', name: 'port', payload: message });
        pump.send('__port', { id, ...message });
      },
      onMessage: (listener) => void (entry.message = listener),
      onClose: () => undefined,
      close: () => {
        if (portEnds.delete(id)) pump.send('__port.close', { id });
      },
    };
  };
  const detachPorts = core.router.attachPortOpener((sender, hello) => (sender.senderId === 'harness-page' ? openPort(hello) : undefined));
  const detach = core.router.attach({
    send: (event, payload) => {
      received.push({ kind: 'event', name: event, payload });
      pump.send(event, payload);
    },
    isAlive: () => !page.isClosed(),
  });
  await page.addInitScript({ content: FOCUS_TRAIL_SCRIPT });
  await page.addInitScript({ content: await browserPreload() });
  await page.goto(`${server.origin}/index.html`);

  return {
    page,
    context,
    core,
    origin: server.origin,
    appDataDir,
    log,
    received,
    openedLinks,
    openPort,
    async shot(name) {
      const file = path.join(OUTPUT_DIR, 'screens', `${name}.png`);
      await mkdir(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      detach();
      detachPorts();
      await browser.close();
      await core.dispose();
      await server.close();
      await rm(appDataDir, { recursive: true, force: true });
    },
  };
}
