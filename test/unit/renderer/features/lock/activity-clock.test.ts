import { describe, expect, it } from 'vitest';
import { idleSecondsLeft, idleWarningLead, lastActivityReport, learnIdleDeadline, markActivityReported } from '../../../../../src-renderer/features/lock/activity-clock';

describe('idle warning timing', () => {
  it('warns a minute ahead, or half the idle time when that is shorter', () => {
    expect(idleWarningLead(900)).toBe(60);
    expect(idleWarningLead(60)).toBe(30);
    expect(idleWarningLead(10)).toBe(5);
  });

  it('counts from the last activity main received, and knows nothing before the first report', () => {
    expect(idleSecondsLeft(undefined, 900, 1_000)).toBeUndefined();
    expect(idleSecondsLeft(1_000, 900, 1_000 + 850_000)).toBe(50);
    expect(idleSecondsLeft(1_000, 900, 1_000 + 901_000)).toBe(0);
  });

  it("learns main's idle deadline after a page load, and never moves a later report back", () => {
    learnIdleDeadline(null, 900, 5_000_000);
    learnIdleDeadline(840_000, 900, 5_000_000);
    expect(idleSecondsLeft(lastActivityReport(), 900, 5_000_000)).toBe(840);
    markActivityReported(5_010_000);
    learnIdleDeadline(600_000, 900, 5_020_000);
    expect(lastActivityReport()).toBe(5_010_000);
  });
});
