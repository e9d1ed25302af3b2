import { describe, expect, it } from 'vitest';
import { defaultAgentSocket } from '../../../../../src-main/services/ssh/agent-socket';

describe('defaultAgentSocket', () => {
  it('uses SSH_AUTH_SOCK, else the Windows OpenSSH agent pipe or Pageant, else nothing', () => {
    expect(defaultAgentSocket({ SSH_AUTH_SOCK: '/tmp/agent.1' }, 'linux')).toBe('/tmp/agent.1');
    expect(defaultAgentSocket({}, 'linux')).toBeUndefined();
    expect(defaultAgentSocket({ SSH_AUTH_SOCK: '  ' }, 'darwin')).toBeUndefined();
    expect(defaultAgentSocket({}, 'win32')).toBe('\\\\.\\pipe\\openssh-ssh-agent');
    expect(defaultAgentSocket({ AKS_CONSOLE_SSH_AGENT: 'pageant' }, 'win32')).toBe('pageant');
  });
});
