import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes executables named after each tool into `bin`: each appends its own argv, as a JSON line,
 * to the file named by `ARGV_LOG`, so a test can say what a pasted command handed to the tool.
 */
export function writeRecordingStubs(bin: string, tools: readonly string[] = ['az', 'kubectl', 'ssh', 'code']): void {
  for (const tool of tools) {
    const stub = join(bin, tool);
    writeFileSync(stub, `#!/usr/bin/env node\nrequire('fs').appendFileSync(process.env.ARGV_LOG, JSON.stringify([require('path').basename(process.argv[1]), ...process.argv.slice(2)]) + '\\n');\n`);
    chmodSync(stub, 0o755);
  }
}
