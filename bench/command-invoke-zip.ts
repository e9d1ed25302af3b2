/**
 * Command-invoke attachments: the cost of turning the largest allowed set of files (20 files,
 * 2 MiB: half YAML-like text, half random bytes) into `context` the console's way (decode, check,
 * fflate's streaming writer storing what deflate cannot shrink, base64), against two baselines
 * measured in the same run: plain base64 of the same bytes (the least any encoding costs) and
 * fflate's zipSync deflating everything, followed by base64. Sizes of each result are printed too.
 */
import { randomBytes } from 'node:crypto';
import { zipSync } from 'fflate';
import { MAX_ATTACHED_BYTES, MAX_ATTACHED_FILES } from '../src-main/ipc/contract/azure';
import { commandContext } from '../src-main/services/azure/attached-files';
import { median, ms } from './lib/timing';

const RUNS = Number(process.env.ZIP_BENCH_RUNS ?? 21);
const share = MAX_ATTACHED_BYTES / MAX_ATTACHED_FILES;
const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
const files = Array.from({ length: MAX_ATTACHED_FILES }, (_, i) => {
  const data = i % 2 === 0 ? Buffer.from(yaml.repeat(Math.ceil(share / yaml.length)).slice(0, share)) : randomBytes(share);
  return { name: `file-${i}.${i % 2 === 0 ? 'yaml' : 'bin'}`, contentBase64: data.toString('base64') };
});
const raw = files.map((f) => ({ name: f.name, data: Buffer.from(f.contentBase64, 'base64') }));

let sizes = { base64: 0, ours: 0, fflate: 0 };
const base64Ms = await median(RUNS, async () => {
  sizes.base64 = Buffer.concat(raw.map((f) => f.data)).toString('base64').length;
});
const oursMs = await median(RUNS, async () => {
  sizes.ours = commandContext(files).length;
});
const fflateMs = await median(RUNS, async () => {
  sizes.fflate = Buffer.from(zipSync(Object.fromEntries(raw.map((f) => [f.name, f.data])))).toString('base64').length;
});
sizes = { ...sizes };

console.log(`files: ${MAX_ATTACHED_FILES}, ${MAX_ATTACHED_BYTES} bytes (half text, half random); median of ${RUNS} runs`);
console.log(`baseline plain base64:          ${ms(base64Ms).padStart(6)}  ${sizes.base64} chars`);
console.log(`baseline fflate zipSync+base64: ${ms(fflateMs).padStart(6)}  ${sizes.fflate} chars`);
console.log(`console commandContext:         ${ms(oursMs).padStart(6)}  ${sizes.ours} chars (${(oursMs / fflateMs).toFixed(2)}x fflate's time, ${(sizes.ours / sizes.base64).toFixed(2)}x plain base64's size)`);
