import { readFile, stat } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { JUMP_BOX_PATHS, onPaths, outcome, type Check } from '../check';
import { fix, portalLink, sh } from '../remediation';

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
    if (!jump) return outcome.skip('No jump box is chosen for this path.');
    if (!ctx.privateKeyPath) return outcome.skip('No private key was chosen; pick one to compare it with the keys configured on the VM.');
    let info;
    try {
      info = await stat(ctx.privateKeyPath);
    } catch {
      return outcome.fail([`No private key at ${ctx.privateKeyPath}.`], fix(['Create a key pair (ssh-keygen -t ed25519) or choose the key that belongs to this jump box.'], 'ssh-keygen -t ed25519', null));
    }
    if (!info.isFile() || info.size > MAX_KEY_BYTES) {
      return outcome.fail([`${ctx.privateKeyPath} is not a private key file.`], fix(['Choose the private key file (for example ~/.ssh/id_ed25519).'], null, null));
    }
    const evidence = [`Private key ${ctx.privateKeyPath} exists.`];
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      return outcome.fail(
        [...evidence, `Its permissions are ${(info.mode & 0o777).toString(8)}; other users can read it and OpenSSH refuses such keys.`],
        fix(['Restrict the key to your own user.'], `chmod 600 ${sh(ctx.privateKeyPath)}`, null),
      );
    }
    const configured = (jump.facts.vm.osProfile?.linuxConfiguration?.ssh?.publicKeys ?? []).map((k) => keyId(k.keyData ?? '')).filter((k): k is string => !!k);
    const mine = await publicKeyOf(ctx.privateKeyPath).catch(() => null);
    if (!mine) return outcome.warn([...evidence, 'The public half could not be derived (the key is passphrase-protected and has no .pub file).'], null);
    evidence.push(`${jump.view.name} has ${configured.length} configured public key(s).`);
    if (configured.includes(mine)) return outcome.pass(...evidence, 'Your public key is among them.');
    const user = jump.facts.vm.osProfile?.adminUsername ?? 'azureuser';
    return outcome.fail(
      [...evidence, 'Your public key is not among them (keys added later to authorized_keys on the VM are not visible to ARM).'],
      fix(['Add your public key to the VM (or confirm it is in ~/.ssh/authorized_keys on the jump box).'], `az vm user update --ids ${sh(jump.view.id)} --username ${sh(user)} --ssh-key-value ${sh(`${ctx.privateKeyPath}.pub`)}`, portalLink(ctx.portal, jump.view.id, 'resetpassword')),
    );
  },
};
