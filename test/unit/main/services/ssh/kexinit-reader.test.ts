import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseServerOffer, watchServerOffer } from '../../../../../src-main/services/ssh/kexinit-reader';

function nameList(names: string[]): Buffer {
  const text = Buffer.from(names.join(','), 'ascii');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  return Buffer.concat([length, text]);
}

/** A server opening as RFC 4253 §4.2 and §7.1 shape it: version line, then a KEXINIT packet. */
function opening(lists: string[][]): Buffer {
  const payload = Buffer.concat([Buffer.from([20]), Buffer.alloc(16, 7), ...lists.map(nameList), Buffer.from([0, 0, 0, 0, 0])]);
  const padding = 8 - ((payload.length + 5) % 8) + 4;
  const header = Buffer.alloc(5);
  header.writeUInt32BE(payload.length + padding + 1);
  header[4] = padding;
  return Buffer.concat([Buffer.from('a banner line\r\nSSH-2.0-OpenSSH_9.2p1 Debian\r\n'), header, payload, Buffer.alloc(padding)]);
}

const LISTS = [['ecdh-sha2-nistp256', 'kex-strict-s-v00@openssh.com'], ['ecdsa-sha2-nistp256'], ['aes256-ctr'], ['aes256-ctr'], ['hmac-sha2-512'], ['hmac-sha2-512'], ['none'], ['none'], [], []];

describe('parseServerOffer', () => {
  it('reads the algorithm lists of the first KEXINIT after the version line', () => {
    expect(parseServerOffer(opening(LISTS))).toEqual({
      kex: ['ecdh-sha2-nistp256', 'kex-strict-s-v00@openssh.com'],
      serverHostKey: ['ecdsa-sha2-nistp256'],
      cipher: ['aes256-ctr'],
      mac: ['hmac-sha2-512'],
      compress: ['none'],
    });
  });

  it('waits for a complete packet and ignores what is not an SSH opening', () => {
    const whole = opening(LISTS);
    expect(parseServerOffer(whole.subarray(0, whole.length - 10))).toBeUndefined();
    expect(parseServerOffer(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'))).toBeUndefined();
  });

  it('sees the offer arrive in pieces on a stream and then stops listening', () => {
    const stream = new PassThrough();
    const watcher = watchServerOffer(stream);
    const whole = opening(LISTS);
    stream.write(whole.subarray(0, 30));
    expect(watcher.offer()).toBeUndefined();
    stream.write(whole.subarray(30));
    expect(watcher.offer()?.cipher).toEqual(['aes256-ctr']);
    expect(stream.listenerCount('data')).toBe(0);
  });
});
