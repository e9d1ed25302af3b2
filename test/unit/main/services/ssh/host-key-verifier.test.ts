import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ed25519Key } from './test-keys';
import { HostKeyPrompts } from '../../../../../src-main/services/ssh/host-key-prompts';
import { HostKeyRefusedError, HostKeyVerifier } from '../../../../../src-main/services/ssh/host-key-verifier';
import { KnownHostsStore } from '../../../../../src-main/services/ssh/known-hosts-store';
import { MemoryLogger } from '../../../../support/memory-logger';

const blob = (): Buffer => ed25519Key().blob;

describe('HostKeyVerifier', () => {
  let dir: string;
  let store: KnownHostsStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hkv-'));
    store = new KnownHostsStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const context = { hostIds: ['jump'], displayHost: 'jump', port: 22, requester: 's1' };

  it('accept-once passes without storing; accept-always stores under the first host id', async () => {
    const prompts = new HostKeyPrompts(5_000);
    const verifier = new HostKeyVerifier(store, prompts, new MemoryLogger());
    const key = blob();
    prompts.onDidPrompt((p) => prompts.answer(p.decisionId, 'accept-once'));
    expect((await verifier.verify(context, key)).ok).toBe(true);
    expect(await store.list()).toEqual([]);
    const always = new HostKeyPrompts(5_000);
    always.onDidPrompt((p) => always.answer(p.decisionId, 'accept-always'));
    expect((await new HostKeyVerifier(store, always, new MemoryLogger()).verify({ ...context, hostIds: ['jump', 'azure-vm:x'] }, key)).ok).toBe(true);
    expect((await store.list()).map((k) => k.hostId)).toEqual(['jump']);
  });

  it('a key accepted for one connection only that differs at the next connection is reported as changed, not as first contact', async () => {
    const prompts = new HostKeyPrompts(5_000);
    const asked: string[] = [];
    prompts.onDidPrompt((p) => {
      asked.push(p.fingerprint);
      prompts.answer(p.decisionId, 'accept-once');
    });
    const verifier = new HostKeyVerifier(store, prompts, new MemoryLogger());
    const first = ed25519Key().blob;
    expect((await verifier.verify(context, first)).ok).toBe(true);
    const other = await verifier.verify(context, ed25519Key().blob);
    expect(other.ok).toBe(false);
    expect(!other.ok && other.error.code).toBe('ssh.host_key_changed');
    expect(!other.ok && other.error.message).toMatch(/accepted for one connection/);
    expect(!other.ok && (other.error as HostKeyRefusedError).mismatch?.expected).toEqual([expect.stringMatching(/^ssh-ed25519 SHA256:/)]);
    expect(asked).toHaveLength(1);
    // The same key as before is still asked about (it was never saved), and nothing is stored.
    expect((await verifier.verify(context, first)).ok).toBe(true);
    expect(asked).toHaveLength(2);
    expect(await store.list()).toEqual([]);
  });

  it('announced and proven keys are added for the host (audited); trusted and revoked ones are not', async () => {
    const events: unknown[] = [];
    const verifier = new HostKeyVerifier(store, new HostKeyPrompts(5_000), new MemoryLogger(), { record: async (e) => events.push(e) });
    const known = ed25519Key();
    const revoked = ed25519Key();
    const fresh = ed25519Key();
    await store.add('jump', 'ssh-ed25519', known.blob, 'operator');
    await store.importKnownHosts(`@revoked jump ${revoked.line}\n`);
    expect(await verifier.adoptProvenKeys(context, [known.blob, revoked.blob, fresh.blob])).toBe(1);
    expect((await store.list()).map((k) => k.source).sort()).toEqual(['operator', 'server-rotation']);
    expect(events).toEqual([expect.objectContaining({ type: 'hostkey.decision', outcome: 'success', details: expect.objectContaining({ decision: 'added-proven-by-server' }) })]);
  });

  it('a key the server no longer announces is retired for that host (audited), as OpenSSH\'s UpdateHostKeys does; imported, Azure-read and other hosts\' keys stay', async () => {
    const events: Array<{ details?: Record<string, unknown> }> = [];
    const verifier = new HostKeyVerifier(store, new HostKeyPrompts(5_000), new MemoryLogger(), { record: async (e) => void events.push(e) });
    const current = ed25519Key();
    const stale = ed25519Key();
    const staleRotated = ed25519Key();
    const fromAzure = ed25519Key();
    await store.add('jump', 'ssh-ed25519', current.blob, 'operator');
    await store.add('jump', 'ssh-ed25519', stale.blob, 'operator');
    await store.add('jump', 'ssh-ed25519', staleRotated.blob, 'server-rotation');
    await store.add('jump', 'ssh-ed25519', fromAzure.blob, 'azure');
    await store.add('other', 'ssh-ed25519', stale.blob, 'operator');
    await store.importKnownHosts(`jump ${ed25519Key().line}\n`);
    await verifier.adoptProvenKeys(context, [current.blob], current.blob);
    const left = await store.list();
    expect(left.filter((k) => k.hostId === 'jump').map((k) => k.source).sort()).toEqual(['azure', 'known_hosts', 'operator']);
    expect(left.filter((k) => k.hostId === 'other')).toHaveLength(1);
    expect(events.map((e) => e.details?.decision)).toEqual(['retired-not-announced', 'retired-not-announced']);
  });

  it('changes nothing when the announcement does not include the key this session was verified with', async () => {
    const verifier = new HostKeyVerifier(store, new HostKeyPrompts(5_000), new MemoryLogger());
    const current = ed25519Key();
    const other = ed25519Key();
    await store.add('jump', 'ssh-ed25519', current.blob, 'operator');
    expect(await verifier.adoptProvenKeys(context, [other.blob], current.blob)).toBe(0);
    expect((await store.list()).filter((k) => k.hostId === 'jump').map((k) => k.source)).toEqual(['operator']);
  });

  it('an unanswered question expires as a refusal; a malformed key is refused without asking', async () => {
    const prompts = new HostKeyPrompts(50);
    const asked: string[] = [];
    prompts.onDidPrompt((p) => asked.push(p.decisionId));
    const verifier = new HostKeyVerifier(store, prompts, new MemoryLogger());
    const expired = await verifier.verify(context, blob());
    expect(expired.ok).toBe(false);
    expect(!expired.ok && expired.error.message).toMatch(/not answered in time/);
    const malformed = await verifier.verify(context, Buffer.from([0, 0, 0, 99, 1]));
    expect(!malformed.ok && malformed.error.code).toBe('ssh.host_key_malformed');
    expect(asked).toHaveLength(1);
  });

  it('a changed key is refused without a question and carries both fingerprints', async () => {
    const prompts = new HostKeyPrompts(5_000);
    let asked = 0;
    prompts.onDidPrompt(() => (asked += 1));
    await store.add('jump', 'ssh-ed25519', blob(), 'azure');
    const result = await new HostKeyVerifier(store, prompts, new MemoryLogger()).verify(context, blob());
    expect(result.ok).toBe(false);
    const error = !result.ok ? result.error : undefined;
    expect(error).toBeInstanceOf(HostKeyRefusedError);
    expect(error?.code).toBe('ssh.host_key_changed');
    expect(error?.mismatch?.expected).toHaveLength(1);
    expect(asked).toBe(0);
  });

  it('closing the requester cancels its question', async () => {
    const prompts = new HostKeyPrompts(5_000);
    const settled: string[] = [];
    prompts.onDidSettle((_id, outcome) => settled.push(outcome));
    prompts.onDidPrompt(() => prompts.cancelFor('s1'));
    const result = await new HostKeyVerifier(store, prompts, new MemoryLogger()).verify(context, blob());
    expect(!result.ok && result.error.message).toMatch(/cancelled/);
    expect(settled).toEqual(['cancelled']);
    expect(prompts.answer('nope', 'accept-once')).toBe(false);
  });
});
