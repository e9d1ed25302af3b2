import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The keychain tests need the real gnome-keyring that `scripts/test.sh` starts (a private session
 * bus, unlocked, `AKS_TEST_KEYRING=1`). Run elsewhere they fail loudly instead of skipping.
 */
export function requireTestKeyring(): void {
  if (process.env.AKS_TEST_KEYRING !== '1' || !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'keychain integration tests need the private unlocked gnome-keyring: run them through `npm test` ' +
        '(scripts/test.sh sets AKS_TEST_KEYRING=1 inside dbus-run-session); they never skip.',
    );
  }
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Runs `keychain-child.ts` in a child process with `env` and returns its JSON answer and stderr. */
export function runKeychainChild(env: NodeJS.ProcessEnv, args: string[] = [], wrapper: string[] = []): Promise<{ result: Record<string, unknown> | undefined; stderr: string; code: number | null }> {
  const node = [process.execPath, '--import', 'tsx', path.join(HERE, 'keychain-child.ts'), ...args];
  const [command, ...rest] = wrapper.length > 0 ? [...wrapper, ...node] : node;
  return new Promise((resolve, reject) => {
    const child = spawn(command!, rest, { env, cwd: path.resolve(HERE, '../../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
      resolve({ result: line ? (JSON.parse(line) as Record<string, unknown>) : undefined, stderr, code });
    });
  });
}
