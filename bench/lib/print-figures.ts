/**
 * Prints the headline figures the benches of one `npm run bench` reported (bench/lib/figures.ts),
 * each with its baseline and its goal, and whether it meets it. Usage: `tsx bench/lib/print-figures.ts <file>`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { goalText, meetsGoal, type Figure } from './figures';

const file = process.argv[2];
const figures: Array<Figure & { bench?: string }> =
  file && existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Figure & { bench?: string })
    : [];
if (figures.length === 0) {
  console.log('No headline figures were reported (the benches that report them did not run or failed).');
} else {
  const value = (f: Figure) => `${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} ${f.unit}`.trim();
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log('\n== headline figures (each against its baseline from the same run; goals from issue 15)');
  console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(12)}  ${'goal'.padEnd(10)}  met   baseline`);
  for (const f of figures) {
    const met = meetsGoal(f.value, f.goal);
    console.log(`${f.name.padEnd(width)}  ${value(f).padStart(12)}  ${goalText(f.goal).padEnd(10)}  ${met === undefined ? '–  ' : met ? 'yes' : 'no '}   ${f.baseline ?? ''}`);
  }
}
