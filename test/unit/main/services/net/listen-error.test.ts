import { describe, expect, it } from 'vitest';
import { describeListenError } from '../../../../../src-main/services/net/listen-error';

const errno = (code: string) => Object.assign(new Error(`listen ${code} 127.0.0.1:50000`), { code });

describe('describeListenError', () => {
  it('tells a port in a Windows excluded range (EACCES) apart from one in use, with the command that lists the ranges', () => {
    expect(describeListenError(50000, errno('EACCES'))).toMatchObject({ reason: 'reserved', message: expect.stringContaining('netsh interface ipv4 show excludedportrange') });
    expect(describeListenError(50000, errno('EADDRINUSE'))).toMatchObject({ reason: 'taken' });
    expect(describeListenError(50000, errno('EADDRNOTAVAIL'))).toMatchObject({ reason: 'failed', message: expect.stringContaining('EADDRNOTAVAIL') });
  });
});
