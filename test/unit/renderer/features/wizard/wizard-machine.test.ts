import { describe, expect, it } from 'vitest';
import { actionsFor, chosenPath, INITIAL_WIZARD, orderedPaths, wizardReducer, type WizardState } from '../../../../../src-renderer/features/wizard/wizard-machine';
import { CLUSTER_ID, ranking } from '../../support/fixtures';

describe('wizard state machine', () => {
  it('walks cluster → paths → path and back', () => {
    let state: WizardState = wizardReducer(INITIAL_WIZARD, { type: 'cluster-chosen', clusterId: CLUSTER_ID });
    expect(state.step).toBe('loading-paths');
    state = wizardReducer(state, { type: 'ranking-loaded', ranking: ranking() });
    expect(state.step).toBe('choose-path');
    state = wizardReducer(state, { type: 'path-chosen', pathId: 'bastion-jumpbox' });
    expect(state.step).toBe('path');
    expect(chosenPath(state)?.scenario).toBe('S3');
    state = wizardReducer(state, { type: 'back' });
    expect(state.step).toBe('choose-path');
    expect(wizardReducer(state, { type: 'back' })).toEqual(INITIAL_WIZARD);
  });

  it('ignores a ranking that arrives for another cluster (a stale answer)', () => {
    const loading = wizardReducer(INITIAL_WIZARD, { type: 'cluster-chosen', clusterId: CLUSTER_ID });
    const other = ranking({ clusterId: CLUSTER_ID.replace('aks-private', 'aks-other') });
    expect(wizardReducer(loading, { type: 'ranking-loaded', ranking: other })).toBe(loading);
    expect(wizardReducer(loading, { type: 'ranking-loaded', ranking: ranking({ clusterId: CLUSTER_ID.toUpperCase() }) }).step).toBe('choose-path');
  });

  it('records a failure and can reload', () => {
    const loading = wizardReducer(INITIAL_WIZARD, { type: 'cluster-chosen', clusterId: CLUSTER_ID });
    const failed = wizardReducer(loading, { type: 'ranking-failed', clusterId: CLUSTER_ID, code: 'arm.forbidden', message: 'no access' });
    expect(failed).toMatchObject({ step: 'paths-failed', code: 'arm.forbidden' });
    expect(wizardReducer(failed, { type: 'reload' }).step).toBe('loading-paths');
  });

  it('refuses a path the ranking does not contain', () => {
    const ready = wizardReducer(wizardReducer(INITIAL_WIZARD, { type: 'cluster-chosen', clusterId: CLUSTER_ID }), { type: 'ranking-loaded', ranking: ranking() });
    expect(wizardReducer(ready, { type: 'path-chosen', pathId: 'vpn' })).toBe(ready);
  });

  it('orders available paths first, then by rank', () => {
    expect(orderedPaths(ranking()).map((p) => p.id)).toEqual(['command-invoke', 'bastion-jumpbox', 'ssh-jumpbox']);
  });

  it('offers console actions only where the console can act', () => {
    const paths = ranking().paths;
    expect(actionsFor(paths[2]!)).toContain('bastion-terminal');
    expect(actionsFor({ ...paths[0]!, id: 'avd' })).toEqual(['cloud-shell', 'portal']);
    expect(actionsFor(paths[0]!)).toContain('command-invoke');
  });
});
