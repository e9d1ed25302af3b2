/** Fresh ed25519 public key blobs in SSH wire format, generated at test time. */
import { generateKeyPairSync } from 'node:crypto';

function sshString(data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

/** A new ed25519 public key as an SSH blob and a known_hosts key field (`ssh-ed25519 AAAA…`). */
export function ed25519Key(): { blob: Buffer; line: string } {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const blob = Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
  return { blob, line: `ssh-ed25519 ${blob.toString('base64')}` };
}
