import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseLinuxRoute, parseWindowsRoute, tcpConnects } from '../../../../../src-main/services/workstation';

describe('the OS route to a private address', () => {
  it('reads `ip route get` (interface and source), and no route for unreachable ones', () => {
    expect(parseLinuxRoute('10.0.2.4 via 10.8.0.1 dev tun0 src 10.8.0.6 uid 0 \n    cache \n')).toEqual({ interface: 'tun0', source: '10.8.0.6' });
    expect(parseLinuxRoute('10.231.77.66 dev aksc4-vpn src 10.231.77.65 uid 0\n')).toEqual({ interface: 'aksc4-vpn', source: '10.231.77.65' });
    expect(parseLinuxRoute('unreachable 10.231.77.99 uid 0 \n')).toBeNull();
    expect(parseLinuxRoute('')).toBeNull();
  });

  it('reads Find-NetRoute\'s two objects (the address, then the route)', () => {
    const json = JSON.stringify([{ InterfaceAlias: 'Corp VPN', IPAddress: '172.16.201.7' }, { InterfaceAlias: 'Corp VPN', IPAddress: null }]);
    expect(parseWindowsRoute(json)).toEqual({ interface: 'Corp VPN', source: '172.16.201.7' });
    expect(parseWindowsRoute('')).toBeNull();
  });

  it('a TCP connect succeeds to a listener and fails on a closed port', async () => {
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      expect(await tcpConnects('127.0.0.1', port, 2000)).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await tcpConnects('127.0.0.1', port, 2000)).toBe(false);
  });
});
