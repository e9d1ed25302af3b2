import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = path.resolve(__dirname, '../..');

const Exceptions = z.strictObject({
  $comment: z.string(),
  exceptions: z.array(
    z.strictObject({
      advisory: z.string().min(1),
      package: z.string().min(1),
      reason: z.string().min(20),
      reviewedBy: z.string().min(1),
      reviewedOn: z.iso.date(),
      expiresOn: z.iso.date(),
    }),
  ),
});

type AuditJson = {
  error?: { code?: string; summary?: string };
  message?: string;
  statusCode?: number;
  vulnerabilities?: Record<string, { severity: string; via: Array<string | { source?: number; url?: string; severity?: string }> }>;
};

describe('production dependencies have no known high or critical vulnerability', () => {
  const exceptions = Exceptions.parse(JSON.parse(readFileSync(path.join(__dirname, 'npm-audit-exceptions.json'), 'utf8'))).exceptions;

  it('every exception is reviewed, dated and not expired', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const e of exceptions) {
      expect(e.expiresOn >= today, `exception for ${e.package} expired on ${e.expiresOn}`).toBe(true);
      expect(Date.parse(e.expiresOn) - Date.parse(e.reviewedOn)).toBeLessThanOrEqual(90 * 86_400_000);
    }
  });

  it('npm audit --omit=dev reports no high/critical finding outside the exceptions', async (ctx) => {
    const run = await promisify(execFile)('npm', ['audit', '--omit=dev', '--json'], { cwd: root, maxBuffer: 32 * 1024 * 1024, timeout: 120_000 }).then(
      (r) => r.stdout,
      (e: { stdout?: string }) => e.stdout ?? '',
    );
    let report: AuditJson;
    try {
      report = JSON.parse(run) as AuditJson;
    } catch {
      report = { message: 'npm audit printed no JSON' };
    }
    if (!report.vulnerabilities) {
      // The registry mirror of this build machine refuses the advisory endpoint (HTTP 405); CI with
      // the public registry runs the check. Reported loudly, never counted as a pass.
      console.log(`reliability: npm audit NOT RUN — the registry did not answer the advisory query (${report.message ?? report.error?.summary ?? 'no answer'})`);
      ctx.skip();
      return;
    }
    const findings = Object.entries(report.vulnerabilities)
      .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
      .filter(([name, v]) => !exceptions.some((e) => e.package === name && v.via.some((via) => typeof via === 'object' && (String(via.source) === e.advisory || via.url === e.advisory))));
    console.log(`reliability: npm audit high/critical findings ${findings.length} (exceptions ${exceptions.length})`);
    expect(findings.map(([name, v]) => `${name} (${v.severity})`)).toEqual([]);
  }, 150_000);
});
