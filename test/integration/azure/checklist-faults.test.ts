import { afterEach, describe, expect, it } from 'vitest';
import { startArmStandIn, PLATFORM_SUBSCRIPTION, type ArmStandIn } from '../../standins/arm';
import { checklistFor, runChecklist } from './checklist-helpers';

let standIn: ArmStandIn | undefined;
afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

describe('checklist under bad answers from Azure: checks end in error with a reason, the run completes', () => {
  it('access to the subscription is lost before the run', async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion' });
    standIn.faults.lostSubscriptions.add(PLATFORM_SUBSCRIPTION.toLowerCase());
    const run = await runChecklist(standIn, { pathId: 'bastion-jumpbox' });
    expect(run.state).toBe('completed');
    const errors = run.results.filter((r) => r.status === 'error');
    expect(errors.length).toBeGreaterThan(5);
    expect(errors[0]!.evidence[0]).toMatchObject({ code: 'engine.failed', text: expect.stringMatching(/denied/) });
  });

  it('access is lost mid-run: earlier checks keep their results, later ones report the denial', async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', latencyMs: 20 });
    const service = checklistFor(standIn);
    const s = standIn;
    let first = true;
    service.onDidResult(() => {
      if (first) s.faults.lostSubscriptions.add(PLATFORM_SUBSCRIPTION.toLowerCase());
      first = false;
    });
    const { runId } = await service.start({ clusterId: s.world.meta.clusterId, pathId: 'bastion-jumpbox' });
    await service.settled(runId);
    const run = service.get(runId);
    expect(run.state).toBe('completed');
    expect(run.results[0]).toMatchObject({ checkId: 'cluster-exposure', status: 'pass' });
    const errors = run.results.filter((r) => r.status === 'error');
    expect(errors.length).toBeGreaterThan(3);
    for (const e of errors) expect(e.evidence[0]).toMatchObject({ code: 'engine.failed', text: expect.stringMatching(/denied/) });
    expect(run.results.filter((r) => r.status === 'fail')).toEqual([]);
  });

  it('a resource deleted between list and get (the jump-box NSG) errors only its check', async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion' });
    standIn.mutate((w) => w.remove(`/subscriptions/${PLATFORM_SUBSCRIPTION}/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-jump`));
    const run = await runChecklist(standIn, { pathId: 'bastion-jumpbox' });
    const nsg = run.results.find((r) => r.checkId === 'nsg-ssh-inbound')!;
    expect(nsg).toMatchObject({ status: 'error', evidence: [{ code: 'engine.failed', text: expect.stringMatching(/nsg-jump was not found/) }] });
    expect(run.results.filter((r) => r.status === 'error')).toHaveLength(1);
  });

  it('a jump box deleted after the operator picked it', async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion' });
    const jumpBoxId = standIn.world.meta.jumpBoxId!;
    standIn.mutate((w) => w.remove(jumpBoxId));
    const run = await runChecklist(standIn, { pathId: 'bastion-jumpbox', jumpBoxId });
    expect(run.state).toBe('completed');
    expect(run.results.find((r) => r.checkId === 'jump-box-availability')).toMatchObject({ status: 'error', evidence: [{ code: 'engine.failed', text: expect.stringContaining('may have been deleted') }] });
  });

  it('a throttling storm that outlasts the retries', async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion' });
    standIn.faults.throttle = { count: 100_000, retryAfterSeconds: 0 };
    const run = await runChecklist(standIn, { pathId: 'bastion-jumpbox' });
    expect(run.state).toBe('completed');
    expect(run.results.every((r) => r.status === 'error' || r.status === 'skip')).toBe(true);
    expect(run.results.find((r) => r.status === 'error')!.evidence[0]).toMatchObject({ code: 'engine.failed', text: expect.stringMatching(/throttling/) });
  });

  it('a few transient 5xx answers are retried and the run is clean', async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion' });
    standIn.faults.serverErrors = { count: 3, status: 503 };
    const run = await runChecklist(standIn, { pathId: 'bastion-jumpbox' });
    expect(run.results.filter((r) => r.status === 'error' || r.status === 'fail')).toEqual([]);
    expect(standIn.requests.filter((r) => r.status === 503)).toHaveLength(3);
  });

  it('cancel stops the run and it reports cancelled', async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', latencyMs: 100 });
    const service = checklistFor(standIn);
    const { runId, checks } = await service.start({ clusterId: standIn.world.meta.clusterId, pathId: 'bastion-jumpbox' });
    expect(service.cancel(runId)).toBe(true);
    await service.settled(runId);
    const run = service.get(runId);
    expect(run.state).toBe('cancelled');
    expect(run.results.length).toBeLessThan(checks.length);
    expect(service.cancel(runId)).toBe(false);
  });

  it('exports a broken run as Markdown with the remediation and as JSON', async () => {
    standIn = await startArmStandIn({ scenario: 'broken-dns-link-missing' });
    const service = checklistFor(standIn);
    const { runId } = await service.start({ clusterId: standIn.world.meta.clusterId, pathId: 'bastion-jumpbox' });
    await service.settled(runId);
    const md = service.export(runId, 'markdown');
    expect(md.fileName).toMatch(/^checklist-aks-prod-.*\.md$/);
    expect(md.content).toContain('FAIL: Private DNS zone linked to the jump-box VNet');
    expect(md.content).toContain('az network private-dns link vnet create');
    const json = JSON.parse(service.export(runId, 'json').content);
    expect(json.results.find((r: { checkId: string }) => r.checkId === 'private-dns-link').status).toBe('fail');
  });
});
