import { readFile, stat } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { JUMP_BOX_PATHS, onPaths, outcome, type Check } from '../check';
import { fix, portalLink, sh } from '../remediation';
import { say } from '../check-text';

function keyId(line: string): string | null {
  const [type, data] = line.trim().split(/\s+/);
  return type && data ? `${type} ${data}` : null;
}

/** Key files are small; anything else (a device, a FIFO, a huge file) is never read. */
const MAX_KEY_BYTES = 64 * 1024;

async function isSmallFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  return !!info && info.isFile() && info.size <= MAX_KEY_BYTES;
}

async function publicKeyOf(privateKeyPath: string): Promise<string | null> {
  if (await isSmallFile(`${privateKeyPath}.pub`)) {
    const pub = keyId(await readFile(`${privateKeyPath}.pub`, 'utf8'));
    if (pub) return pub;
  }
  const parsed = ssh2.utils.parseKey(await readFile(privateKeyPath));
  if (parsed instanceof Error) return null;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) return null;
  return keyId(`${key.type} ${key.getPublicSSH().toString('base64')}`);
}

/** The local private key exists with safe permissions and its public key is among the VM's configured keys. */
export const sshKeyPlacement: Check = {
  id: 'ssh-key-placement',
  title: 'SSH key on this workstation matches the jump box',
  hops: ['jumpbox'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  async run(ctx) {
    const jump = await ctx.jumpBox();
    if (!jump) return outcome.skip(say('common.no_jump_box', 'No jump box is chosen for this path.'));
    if (!ctx.privateKeyPath) return outcome.skip(say('ssh_key.none_chosen', 'No private key was chosen; pick one to compare it with the keys configured on the VM.'));
    const key = ctx.privateKeyPath;
    let info;
    try {
      info = await stat(key);
    } catch {
      return outcome.fail([say('ssh_key.missing', `No private key at ${key}.`, { path: key })], fix([say('ssh_key.fix_create', 'Create a key pair (ssh-keygen -t ed25519) or choose the key that belongs to this jump box.', { command: 'ssh-keygen -t ed25519' })], 'ssh-keygen -t ed25519', null));
    }
    if (!info.isFile() || info.size > MAX_KEY_BYTES) {
      return outcome.fail([say('ssh_key.not_a_key_file', `${key} is not a private key file.`, { path: key })], fix([say('ssh_key.fix_choose_file', 'Choose the private key file (for example ~/.ssh/id_ed25519).', { example: '~/.ssh/id_ed25519' })], null, null));
    }
    const evidence = [say('ssh_key.exists', `Private key ${key} exists.`, { path: key })];
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      const mode = (info.mode & 0o777).toString(8);
      return outcome.fail(
        [...evidence, say('ssh_key.permissions_open', `Its permissions are ${mode}; other users can read it and OpenSSH refuses such keys.`, { mode })],
        fix([say('ssh_key.fix_permissions', 'Restrict the key to your own user.')], `chmod 600 ${sh(key)}`, null),
      );
    }
    const configured = (jump.facts.vm.osProfile?.linuxConfiguration?.ssh?.publicKeys ?? []).map((k) => keyId(k.keyData ?? '')).filter((k): k is string => !!k);
    const mine = await publicKeyOf(ctx.privateKeyPath).catch(() => null);
    if (!mine) return outcome.warn([...evidence, say('ssh_key.public_half_unknown', 'The public half could not be derived (the key is passphrase-protected and has no .pub file).')], null);
    evidence.push(say('ssh_key.configured_count', `${jump.view.name} has ${configured.length} configured public key(s).`, { vm: jump.view.name, count: String(configured.length) }));
    if (configured.includes(mine)) return outcome.pass(...evidence, say('ssh_key.found', 'Your public key is among them.'));
    const user = jump.facts.vm.osProfile?.adminUsername ?? 'azureuser';
    return outcome.fail(
      [...evidence, say('ssh_key.not_found', 'Your public key is not among them (keys added later to authorized_keys on the VM are not visible to ARM).')],
      fix([say('ssh_key.fix_add_key', 'Add your public key to the VM (or confirm it is in ~/.ssh/authorized_keys on the jump box).', { file: '~/.ssh/authorized_keys' })], `az vm user update --ids ${sh(jump.view.id)} --username ${sh(user)} --ssh-key-value ${sh(`${ctx.privateKeyPath}.pub`)}`, portalLink(ctx.portal, jump.view.id, 'resetpassword')),
    );
  },
};
