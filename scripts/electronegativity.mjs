#!/usr/bin/env node
// Runs Electronegativity over the project root (source and build output) and fails on any finding
// that is not a reviewed exception, or on an exception that no longer matches anything.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = process.cwd();
const dir = mkdtempSync(path.join(os.tmpdir(), 'aksc-eneg-'));
const sarif = path.join(dir, 'findings.sarif');
const run = spawnSync('npx', ['--no-install', '@doyensec/electronegativity', '-i', root, '-r', '-v', 'false', '-o', sarif], {
  encoding: 'utf8',
  timeout: 240_000,
});
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  console.error(`electronegativity exited with ${run.status}`);
  process.exit(2);
}
const results = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results;
rmSync(dir, { recursive: true, force: true });
const { exceptions } = JSON.parse(readFileSync(path.join(root, 'test/security-exceptions.electronegativity.json'), 'utf8'));
const used = new Set();
const open = [];
for (const r of results) {
  const file = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? 'N/A';
  const line = r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0;
  const match = exceptions.findIndex((e) => e.rule === r.ruleId && new RegExp(e.files).test(file) && r.message.text.includes(e.message));
  if (match >= 0) used.add(match);
  else open.push(`${r.ruleId} ${file}:${line} ${r.message.text}`);
}
const stale = exceptions.filter((_, i) => !used.has(i)).map((e) => `${e.rule} ${e.files} "${e.message}"`);
console.log(`electronegativity: ${results.length} raw findings, ${results.length - open.length} reviewed exceptions, ${open.length} open, ${stale.length} stale exceptions`);
for (const f of open) console.log(`  open: ${f}`);
for (const s of stale) console.log(`  stale exception: ${s}`);
process.exit(open.length || stale.length ? 1 : 0);
