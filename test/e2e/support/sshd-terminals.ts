/**
 * Real jump-box terminals for end-to-end tests: a real OpenSSH sshd on loopback, the harness (real
 * renderer in Chromium, real core behind it), and sessions opened the way the UI opens them
 * (`ssh.open` through the page's bridge, the host key accepted in the UI's prompt). Hostile output
 * is produced by the remote shell itself (`cat` of a file in sshd's folder), so every byte travels
 * sshd → ssh2 → flow control → router → renderer → xterm.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { startHarness, type Harness, type HarnessOptions } from '../harness';
import { startSshd, type TestSshd } from '../../support/sshd';

const PASSWORD = 'hostile-output-test-password-1';
const run = promisify(execFile);

type Envelope = { ok: boolean; data?: { sessionId?: string }; error?: { code: string; message: string } };
type Bridge = { invoke: Record<string, (req: unknown) => Promise<Envelope>> };

/** A running sshd + harness with helpers to open and drive terminals. */
export interface SshdTerminals {
  readonly sshd: TestSshd;
  readonly h: Harness;
  /** Opens a session from the page (the first one accepts the host key in the prompt) and waits for its pane. */
  open(label: string): Promise<string>;
  /** Types a command line into a session through the page's bridge, as the pane does. */
  run(sessionId: string, line: string): Promise<void>;
  /** Writes `content` into a file in sshd's folder and returns its path (readable by the test user). */
  payload(name: string, content: string): Promise<string>;
  /** Shows the tab of `sessionId` and returns the text of its visible rows. */
  screen(sessionId: string): Promise<string>;
  /** Per-connection sshd processes still alive (0 once every session really closed). */
  sshdConnections(): Promise<number>;
  /** Whether the page answers a trivial evaluate within `ms` (false when the renderer is stuck). */
  answers(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts sshd and the harness on the Terminals area. */
export async function startSshdTerminals(options: HarnessOptions = {}): Promise<SshdTerminals> {
  const sshd = await startSshd({ password: PASSWORD });
  const h = await startHarness({ language: 'en', ...options });
  await h.page.locator('nav button[data-area="terminals"]').click();
  let first = true;
  const invoke = (channel: string, req: unknown) =>
    h.page.evaluate(([c, r]) => (window as unknown as { aksConsole: Bridge }).aksConsole.invoke[c as string]!(r), [channel, req] as const);
  const tab = (sessionId: string) => h.page.locator(`#tab-${sessionId}`);
  return {
    sshd,
    h,
    async open(label) {
      const opening = invoke('ssh.open', {
        target: { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'password', password: PASSWORD } },
        label,
        cols: 100,
        rows: 30,
      });
      if (first) await h.page.getByTestId('host-key-always').click({ timeout: 30_000 });
      first = false;
      const answer = await opening;
      if (!answer.ok || !answer.data?.sessionId) throw new Error(`ssh.open failed: ${JSON.stringify(answer.error)}`);
      const id = answer.data.sessionId;
      await tab(id).waitFor();
      // Typing before the shell is open would be refused: wait for the tab to say it is connected.
      const deadline = Date.now() + 30_000;
      while (!(await tab(id).textContent())?.includes('(Connected)')) {
        if (Date.now() > deadline) throw new Error(`session ${label} did not open`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return id;
    },
    async run(sessionId, line) {
      const answer = await invoke('ssh.write', { sessionId, data: `${line}\n` });
      if (!answer.ok) throw new Error(`ssh.write failed: ${JSON.stringify(answer.error)}`);
    },
    async payload(name, content) {
      const file = path.join(sshd.dir, name);
      await writeFile(file, content, { mode: 0o644 });
      return file;
    },
    async screen(sessionId) {
      if ((await tab(sessionId).getAttribute('aria-selected')) !== 'true') await tab(sessionId).click();
      return h.page.locator(`#panel-${sessionId} .xterm-rows`).innerText();
    },
    async sshdConnections() {
      const pid = (await readFile(path.join(sshd.dir, 'sshd.pid'), 'utf8')).trim();
      const { stdout } = await run('pgrep', ['-P', pid]).catch(() => ({ stdout: '' }));
      return stdout.split('\n').filter(Boolean).length;
    },
    async answers(ms) {
      const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref());
      return Promise.race([h.page.evaluate(() => true), timeout]);
    },
    async close() {
      await h.close();
      await sshd.close();
    },
  };
}
