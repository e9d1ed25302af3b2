import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { parseAllDocuments } from 'yaml';
import { fixtureBody } from './fixtures';

type Json = Record<string, unknown>;

/** The files of a RunCommandRequest's `context`, by path inside the zip (the command's working directory). */
export type CommandFiles = ReadonlyMap<string, Buffer>;

/** What a simulated command printed (stdout and stderr together, as `logs` carries them) and its exit code. */
export interface CommandOutput {
  readonly exitCode: number;
  readonly logs: string;
}

/**
 * Reads `context` the way the command pod does: base64 of a zip, unpacked into the working
 * directory. Returns the files, or why the context is not acceptable. The zip is read with fflate,
 * a reader independent of the console's own writer, so a test here proves real interoperability.
 */
export function readCommandContext(context: unknown): { files: CommandFiles } | { error: string } {
  if (context === undefined || context === null || context === '') return { files: new Map() };
  if (typeof context !== 'string') return { error: 'context must be a string' };
  const zip = Buffer.from(context, 'base64');
  if (zip.toString('base64') !== context) return { error: 'context is not base64' };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    return { error: `context is not a zip archive (${(error as Error).message})` };
  }
  const files = new Map<string, Buffer>();
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    if (name.startsWith('/') || name.split(/[/\\]/).includes('..')) return { error: `context holds a path outside the working directory: ${name}` };
    files.set(name, Buffer.from(data));
  }
  return { files };
}

/** Splits a command line into words, honouring single and double quotes (no expansion, no operators). */
export function splitWords(command: string): string[] {
  const out: string[] = [];
  const pattern = /'([^']*)'|"((?:\\.|[^"\\])*)"|(\S+)/g;
  for (const m of command.matchAll(pattern)) out.push(m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3]!);
  return out;
}

const noSuchFile = (tool: string, name: string) => `${tool}: ${name}: No such file or directory\n`;

function cat(args: string[], files: CommandFiles): CommandOutput {
  let logs = '';
  let exitCode = 0;
  for (const name of args) {
    const data = files.get(name);
    if (data) logs += data.toString('utf8');
    else {
      logs += noSuchFile('cat', name);
      exitCode = 1;
    }
  }
  return { exitCode, logs };
}

function sha256sum(args: string[], files: CommandFiles): CommandOutput {
  let logs = '';
  let exitCode = 0;
  for (const name of args) {
    const data = files.get(name);
    if (data) logs += `${createHash('sha256').update(data).digest('hex')}  ${name}\n`;
    else {
      logs += `sha256sum: ${name}: No such file or directory\n`;
      exitCode = 1;
    }
  }
  return { exitCode, logs };
}

/** `kubectl apply -f <file>…`: one `kind/name created` line per YAML document, as kubectl prints. */
function kubectlApply(args: string[], files: CommandFiles): CommandOutput {
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-f' || arg === '--filename') paths.push(args[++i] ?? '');
    else if (arg.startsWith('--filename=')) paths.push(arg.slice('--filename='.length));
  }
  if (paths.length === 0) return { exitCode: 1, logs: 'error: must specify one of -f and -k\n' };
  let logs = '';
  for (const name of paths) {
    const data = files.get(name);
    if (!data) return { exitCode: 1, logs: `${logs}error: the path "${name}" does not exist\n` };
    for (const doc of parseAllDocuments(data.toString('utf8'))) {
      if (doc.errors.length > 0) return { exitCode: 1, logs: `${logs}error: error parsing ${name}: ${doc.errors[0]!.message}\n` };
      const object = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
      if (!object) continue;
      if (typeof object.kind !== 'string' || typeof object.metadata?.name !== 'string') {
        return { exitCode: 1, logs: `${logs}error: error validating "${name}": error validating data: kind or metadata.name not set\n` };
      }
      logs += `${object.kind.toLowerCase()}/${object.metadata.name} created\n`;
    }
  }
  return { exitCode: 0, logs };
}

/**
 * A plausible command pod: `ls`, `cat`, `sha256sum` and `kubectl apply -f` see the attached files;
 * `kubectl get nodes` and `get --raw /healthz` answer as a healthy cluster would; other kubectl
 * commands answer the official example's log line; anything else is not found.
 */
export function simulateCommand(command: string, files: CommandFiles = new Map()): CommandOutput {
  const [tool, ...args] = splitWords(command);
  if (tool === 'ls') return { exitCode: 0, logs: [...files.keys()].filter((n) => !n.includes('/')).sort().map((n) => `${n}\n`).join('') };
  if (tool === 'cat') return cat(args, files);
  if (tool === 'sha256sum') return sha256sum(args, files);
  if (tool === 'kubectl' && args[0] === 'apply') return kubectlApply(args.slice(1), files);
  if (/get --raw\s+['"]?\/healthz/.test(command)) return { exitCode: 0, logs: 'ok' };
  if (/kubectl get nodes/.test(command)) return { exitCode: 0, logs: 'NAME                                STATUS   ROLES   AGE   VERSION\naks-nodepool1-12345678-vmss000000   Ready    <none>  12d   v1.33.1\n' };
  if (tool === 'kubectl') return { exitCode: 0, logs: String((fixtureBody<Json>('containerservice/RunCommandResultSucceed').properties as Json).logs ?? '') };
  return { exitCode: 127, logs: `sh: ${tool ?? ''}: not found\n` };
}
