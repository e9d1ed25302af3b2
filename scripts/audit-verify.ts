/**
 * Verifies an audit log from a shell (works on an exported `.jsonl` too):
 *   npx tsx scripts/audit-verify.ts <audit-log.jsonl> [--head '{"seq":12,"hash":"…"}'] [--keychain [service]] [--json]
 * Without --head/--keychain only the chain itself is checked (edits, removals, reordering); with the
 * head from the keychain, truncation and wholesale rewriting are detected too. Exit code 0 = intact,
 * 1 = broken (the first broken line is printed), 2 = usage or read error.
 */
import { readFileSync } from 'node:fs';
import { CHAIN_HEAD_ACCOUNT, verifyChain, type HeadLookup } from '../src-main/services/audit';
import { KeytarSecretStore } from '../src-main/services/secrets/keytar-secret-store';

/** Default keychain service name of the console. */
const DEFAULT_SERVICE = 'aks-access-console';

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const json = args.includes('--json');
  const file = args.find((a, i) => !a.startsWith('--') && !['--head', '--keychain'].includes(args[i - 1] ?? ''));
  if (!file) {
    process.stderr.write('usage: audit-verify <audit-log.jsonl> [--head <json>] [--keychain [service]] [--json]\n');
    return 2;
  }
  let head: HeadLookup = { kind: 'unavailable' };
  const headIndex = args.indexOf('--head');
  if (headIndex >= 0) head = { kind: 'found', head: JSON.parse(args[headIndex + 1] ?? 'null') as { seq: number; hash: string } };
  const keychainIndex = args.indexOf('--keychain');
  if (keychainIndex >= 0) {
    const next = args[keychainIndex + 1];
    const service = next && !next.startsWith('--') && next !== file ? next : DEFAULT_SERVICE;
    const text = await new KeytarSecretStore(service).get(CHAIN_HEAD_ACCOUNT);
    head = text === null ? { kind: 'missing' } : { kind: 'found', head: JSON.parse(text) as { seq: number; hash: string } };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const report = verifyChain(lines, head);
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (report.ok) process.stdout.write(`audit log intact: ${report.records} records, head ${report.anchor}${report.unanchored ? ` (${report.unanchored} unanchored)` : ''}\n`);
  else {
    const where = report.firstBroken ? `line ${report.firstBroken.line}${report.firstBroken.seq ? ` (record ${report.firstBroken.seq})` : ''}: ${report.firstBroken.reason}` : `head ${report.anchor}`;
    process.stdout.write(`audit log BROKEN at ${where}; ${report.records} records verified before it\n`);
  }
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit-verify failed: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
