import { describe, expect, it } from 'vitest';
import { checklistReducer, checklistRows, progress, summarize } from '../../../../../src-renderer/features/checklist/checklist-model';
import { CLUSTER_ID, result } from '../../support/fixtures';

const started = checklistReducer(undefined, {
  type: 'started',
  runId: 'run-0001',
  clusterId: CLUSTER_ID,
  pathId: 'bastion-jumpbox',
  checks: [
    { id: 'a', title: 'A', hops: ['api-server'] },
    { id: 'b', title: 'B', hops: ['api-server'] },
    { id: 'c', title: 'C', hops: ['api-server'] },
  ],
  at: 0,
});

describe('checklist run model', () => {
  it('fills results in any order and ignores other runs', () => {
    let run = checklistReducer(started, { type: 'result', runId: 'run-0001', result: result('c', 'fail') });
    run = checklistReducer(run, { type: 'result', runId: 'run-old', result: result('a', 'fail') });
    run = checklistReducer(run, { type: 'result', runId: 'run-0001', result: result('a', 'pass') });
    expect(checklistRows(run!).map((r) => r.status)).toEqual(['pass', 'pending', 'fail']);
    expect(summarize(run!)).toMatchObject({ pass: 1, fail: 1, pending: 1 });
    expect(progress(run!)).toBeCloseTo(2 / 3);
  });

  it('shows unfinished checks of a cancelled run as not run', () => {
    let run = checklistReducer(started, { type: 'result', runId: 'run-0001', result: result('a', 'pass') });
    run = checklistReducer(run, { type: 'finished', runId: 'run-0001', state: 'cancelled' });
    expect(checklistRows(run!).map((r) => r.status)).toEqual(['pass', 'not-run', 'not-run']);
    expect(summarize(run!).pending).toBe(0);
  });

  it('merges a snapshot without losing results already streamed', () => {
    const streamed = checklistReducer(started, { type: 'result', runId: 'run-0001', result: result('b', 'warn') });
    const merged = checklistReducer(streamed, {
      type: 'snapshot',
      run: { runId: 'run-0001', clusterId: CLUSTER_ID, pathId: 'bastion-jumpbox', state: 'completed', startedAt: '2026-11-29T08:00:00Z', finishedAt: null, checks: started!.checks.map((c) => ({ ...c })), results: [result('a', 'pass')] },
    });
    expect(checklistRows(merged!).map((r) => r.status)).toEqual(['pass', 'warn', 'not-run']);
  });

  it('shows a re-run check as running until its new result replaces the old one, then the run ends again', () => {
    let run = ['a', 'b', 'c'].reduce((r, id) => checklistReducer(r, { type: 'result', runId: 'run-0001', result: result(id, id === 'b' ? 'fail' : 'pass') }), started);
    run = checklistReducer(run, { type: 'finished', runId: 'run-0001', state: 'completed' });
    run = checklistReducer(run, { type: 'rerun-started', runId: 'run-0001', checkIds: ['b'] });
    expect(run!.state).toBe('running');
    expect(checklistRows(run!).map((r) => r.status)).toEqual(['pass', 'running', 'pass']);
    expect(summarize(run!)).toMatchObject({ pass: 2, fail: 0, pending: 1 });
    expect(progress(run!)).toBeCloseTo(2 / 3);
    run = checklistReducer(run, { type: 'result', runId: 'run-0001', result: result('b', 'pass') });
    run = checklistReducer(run, { type: 'finished', runId: 'run-0001', state: 'completed' });
    expect(checklistRows(run!).map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    expect(progress(run!)).toBe(1);
  });

  it('puts a refused re-run back as it was', () => {
    let run = checklistReducer(checklistReducer(started, { type: 'result', runId: 'run-0001', result: result('a', 'fail') }), { type: 'finished', runId: 'run-0001', state: 'cancelled' });
    run = checklistReducer(run, { type: 'rerun-started', runId: 'run-0001', checkIds: ['a'] });
    run = checklistReducer(run, { type: 'rerun-refused', runId: 'run-0001', state: 'cancelled' });
    expect(run!.state).toBe('cancelled');
    expect(checklistRows(run!).map((r) => r.status)).toEqual(['fail', 'not-run', 'not-run']);
  });
});
