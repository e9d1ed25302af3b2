import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type TestSshd } from '../support/sshd';
import { startHarness, type Harness } from './harness';

type Envelope = { ok: boolean; data?: { sessionId?: string; keyId?: string }; error?: { code: string; message: string } };
type Bridge = { invoke: Record<string, (req: unknown) => Promise<Envelope>> };

/** SHA256 fingerprint of an OpenSSH public key line, as `ssh-keygen -l` prints it (without the prefix). */
function fingerprintOf(publicKeyLine: string): string {
  const blob = Buffer.from(publicKeyLine.trim().split(/\s+/)[1]!, 'base64');
  return createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

describe('host keys in the real UI against a real OpenSSH jump box', () => {
  let sshd: TestSshd;
  let h: Harness;
  let keyId: string;
  const invoke = (channel: string, req: unknown) =>
    h.page.evaluate(([c, r]) => (window as unknown as { aksConsole: Bridge }).aksConsole.invoke[c as string]!(r), [channel, req] as const);
  const open = () =>
    invoke('ssh.open', { target: { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId } }, cols: 100, rows: 30 });
  const accepted = async () => ((await sshd.log()).match(/Accepted publickey/g) ?? []).length;
  /** The latest state main pushed for a session (ssh.open answers at once; the handshake goes on in main). */
  const stateOf = (sessionId: string) =>
    [...h.received].reverse().find((m) => m.kind === 'event' && m.name === 'ssh.state' && (m.payload as { sessionId: string }).sessionId === sessionId)
      ?.payload as { state: string; problem?: { code: string } } | undefined;

  beforeAll(async () => {
    sshd = await startSshd();
    h = await startHarness({ language: 'en' });
    await h.page.locator('nav button[data-area="terminals"]').click();
    const imported = await invoke('sshkeys.import', { name: 'e2e jump box key', privateKey: sshd.clientKey });
    expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
    keyId = imported.data!.keyId!;
  });
  afterAll(async () => {
    await h?.close();
    await sshd?.close();
  });

  it('asks on first contact, showing the SHA256 fingerprint, and a refusal sends no credential', async () => {
    const opening = open();
    const dialog = h.page.getByTestId('host-key-dialog');
    await dialog.waitFor();
    const shown = (await h.page.getByTestId('host-key-fingerprint').textContent())!.replace(/\s+/g, '');
    expect(shown).toContain(fingerprintOf(sshd.hostPublicKey));
    // The safe choice has the focus: Enter would refuse.
    await expect.poll(() => h.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('host-key-refuse');
    await h.shot('host-key-first-use-en');
    await h.page.getByTestId('host-key-refuse').click();
    const answer = await opening;
    expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
    const sessionId = answer.data!.sessionId!;
    await expect.poll(() => stateOf(sessionId)?.state).toBe('failed');
    expect(stateOf(sessionId)?.problem?.code).toMatch(/host_key/);
    expect(await accepted()).toBe(0);
    await invoke('ssh.close', { sessionId });
  });

  it('shows a waiting question again after the window reloads, instead of letting it expire unseen', async () => {
    const answer = await open();
    expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
    await h.page.getByTestId('host-key-dialog').waitFor();
    await h.page.reload();
    await h.page.getByTestId('host-key-dialog').waitFor({ timeout: 20_000 });
    const shown = (await h.page.getByTestId('host-key-fingerprint').textContent())!.replace(/\s+/g, '');
    expect(shown).toContain(fingerprintOf(sshd.hostPublicKey));
    await h.page.getByTestId('host-key-refuse').click();
    await expect.poll(() => stateOf(answer.data!.sessionId!)?.state).toBe('failed');
    expect(await accepted()).toBe(0);
    await invoke('ssh.close', { sessionId: answer.data!.sessionId });
    await h.page.locator('nav button[data-area="terminals"]').click();
  });

  it('trusts the key when the operator accepts it, and the terminal runs a command', async () => {
    const opening = open();
    await h.page.getByTestId('host-key-dialog').waitFor();
    await h.page.getByTestId('host-key-always').click();
    const answer = await opening;
    expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
    await expect.poll(() => stateOf(answer.data!.sessionId!)?.state).toBe('open');
    await h.page.getByTestId('terminal-tab').last().click();
    await h.page.locator('.terminal-mount .xterm').last().click();
    await h.page.keyboard.type('echo e2e-$((6*7))');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.locator('.terminal-mount .xterm-rows').last().innerText(), { timeout: 20_000 }).toContain('e2e-42');
    await h.shot('host-key-accepted-terminal-en');
    expect(await accepted()).toBe(1);
    await invoke('ssh.close', { sessionId: answer.data!.sessionId });
  });

  it('refuses a changed key outright, with a red warning and no way to accept, before any credential', async () => {
    await sshd.rotateHostKey();
    const answer = await open();
    expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
    await expect.poll(() => stateOf(answer.data!.sessionId!)?.state).toBe('failed');
    const warning = h.page.getByTestId('host-key-changed');
    await warning.waitFor();
    expect(await warning.getByRole('alert').textContent()).toMatch(/not the one the console trusts/);
    const buttons = await warning.getByRole('button').allTextContents();
    expect(buttons.join(' ')).not.toMatch(/trust|accept/i);
    await h.shot('host-key-changed-en');
    expect(await accepted()).toBe(1);
  });
});
