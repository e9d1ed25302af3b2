import { describe, expect, it } from 'vitest';
import { PimTerminalForbidden } from '../../../../../src-main/ipc/contract/pim';
import { ForbiddenScanner, MAX_SCANNED_LINE, parseForbiddenLine } from '../../../../../src-main/services/pim/forbidden-scan';
import { watchTerminalForbidden, type TerminalForbidden } from '../../../../../src-main/services/pim/terminal-forbidden-watch';

const LINE = 'Error from server (Forbidden): pods "web-7d9f" is forbidden: User "reader@contoso.example" cannot delete resource "pods" in API group "" in the namespace "default"';
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-prod';

describe('kubectl 403 in terminal output', () => {
  it('reads the refused verb, resource, group and namespace; the cluster scope is a null namespace', () => {
    expect(parseForbiddenLine(LINE)).toEqual({ verb: 'delete', resource: 'pods', group: '', namespace: 'default' });
    const cluster = 'Error from server (Forbidden): nodes is forbidden: User "u" cannot list resource "nodes" in API group "" at the cluster scope';
    expect(parseForbiddenLine(cluster)).toEqual({ verb: 'list', resource: 'nodes', group: '', namespace: null });
  });

  it('only a line that starts with kubectl\'s error counts: the echoed command line or a line mentioning one does not', () => {
    expect(parseForbiddenLine(`$ echo '${LINE}'`)).toBeUndefined();
    expect(parseForbiddenLine(`note: ${LINE}`)).toBeUndefined();
  });

  it('finds a 403 split across chunks, with CR LF and colour codes, and names the last one of a chunk', () => {
    const scanner = new ForbiddenScanner();
    expect(scanner.feed(`$ kubectl delete pod web-7d9f\r\n\x1b[31m${LINE.slice(0, 40)}`)).toBeUndefined();
    expect(scanner.feed(`${LINE.slice(40)}\x1b[0m\r\n$ `)).toEqual({ verb: 'delete', resource: 'pods', group: '', namespace: 'default' });
    const other = LINE.replace('cannot delete resource "pods"', 'cannot create resource "deployments"').replace('API group ""', 'API group "apps"');
    expect(scanner.feed(`${LINE}\n${other}\n`)).toEqual({ verb: 'create', resource: 'deployments', group: 'apps', namespace: 'default' });
  });

  it('a crafted long line is dropped whole without parsing, and the scanner keeps only a bounded window', () => {
    const scanner = new ForbiddenScanner();
    // The prefix, then a megabyte of what the lazy gap and the quoted classes would chew on, in pieces.
    expect(scanner.feed('Error from server (Forbidden): ')).toBeUndefined();
    for (let i = 0; i < 64; i += 1) expect(scanner.feed(' is forbidden: User "'.repeat(800))).toBeUndefined();
    expect(scanner.feed(`${LINE.slice(30)}\n`)).toBeUndefined();
    // Right after the long line, the next one is read again.
    expect(scanner.feed(`${LINE}\n`)).toEqual({ verb: 'delete', resource: 'pods', group: '', namespace: 'default' });
    // A line at the limit made of the pattern's own pieces: the anchored, bounded pattern refuses it
    // (a backtracking pattern would not come back from 10,000 of these within the test's time).
    const adversarial = ('Error from server (Forbidden): ' + 'a is forbidden: User "x" cannot '.repeat(200)).slice(0, MAX_SCANNED_LINE);
    for (let i = 0; i < 10_000; i += 1) expect(parseForbiddenLine(adversarial)).toBeUndefined();
    expect(parseForbiddenLine(`${adversarial.slice(0, MAX_SCANNED_LINE - 1)}xx`)).toBeUndefined();
  });
});

describe('the terminal 403 watch', () => {
  const harness = (clusters: Record<string, string>) => {
    const data = new Set<(e: { sessionId: string; data: string }) => void>();
    const exits = new Set<(e: { sessionId: string }) => void>();
    const seen: TerminalForbidden[] = [];
    let now = 0;
    const stop = watchTerminalForbidden(
      {
        onData: (l) => (data.add(l), () => data.delete(l)),
        onExit: (l) => (exits.add(l), () => exits.delete(l)),
        clusterOf: (id) => clusters[id],
        now: () => now,
      },
      (e) => seen.push(e),
    );
    return {
      seen,
      out: (sessionId: string, text: string) => data.forEach((l) => l({ sessionId, data: text })),
      exit: (sessionId: string) => exits.forEach((l) => l({ sessionId })),
      later: (ms: number) => (now += ms),
      stop,
      listeners: () => data.size + exits.size,
    };
  };

  it('announces a kubectl tab\'s 403 with the tab\'s own cluster, in the contract\'s shape; other sessions are not scanned', () => {
    const w = harness({ 'tab-1': CLUSTER });
    w.out('ssh-1', `${LINE}\n`);
    w.out('tab-1', `${LINE.replace('in the namespace "default"', 'in the namespace "default" /subscriptions/evil/x')}\n`);
    expect(w.seen).toEqual([{ sessionId: 'tab-1', clusterId: CLUSTER, forbidden: { verb: 'delete', resource: 'pods', group: '', namespace: 'default' } }]);
    expect(PimTerminalForbidden.safeParse(w.seen[0]).success).toBe(true);
  });

  it('a flood of the same line announces once until a second has passed; a different 403 at once', () => {
    const w = harness({ 'tab-1': CLUSTER });
    for (let i = 0; i < 100; i += 1) w.out('tab-1', `${LINE}\n`);
    expect(w.seen).toHaveLength(1);
    w.out('tab-1', `${LINE.replace('"default"', '"payments"')}\n`);
    expect(w.seen).toHaveLength(2);
    w.later(1000);
    w.out('tab-1', `${LINE.replace('"default"', '"payments"')}\n`);
    expect(w.seen).toHaveLength(3);
  });

  it('forgets a session at its end and lets go of its sources when stopped', () => {
    const w = harness({ 'tab-1': CLUSTER });
    w.out('tab-1', LINE.slice(0, 50));
    w.exit('tab-1');
    w.out('tab-1', `${LINE.slice(50)}\n`);
    expect(w.seen).toEqual([]);
    w.stop();
    expect(w.listeners()).toBe(0);
  });

  it('the contract refuses an event whose fields are not Kubernetes names', () => {
    const bad = { sessionId: 'tab-1', clusterId: CLUSTER, forbidden: { verb: 'delete', resource: 'pods"><img>', group: '', namespace: 'default' } };
    expect(PimTerminalForbidden.safeParse(bad).success).toBe(false);
  });
});
