/** Writes resources/policy.schema.json from the zod policy schema: `npx tsx scripts/policy-schema.ts`. */
import { writeFileSync } from 'node:fs';
import { policyJsonSchema } from '../src-main/services/policy/policy-schema';

writeFileSync(new URL('../resources/policy.schema.json', import.meta.url), `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
process.stdout.write('resources/policy.schema.json written\n');
