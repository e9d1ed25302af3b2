import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrWithin, ipInRange, ipInRanges, isIp } from '../../../../../src-main/services/azure-model/cidr';

describe('CIDR helpers (ipaddr.js)', () => {
  it('matches addresses in ranges, bare addresses and IPv6', () => {
    expect(ipInRange('203.0.113.10', '203.0.113.0/24')).toBe(true);
    expect(ipInRange('203.0.114.10', '203.0.113.0/24')).toBe(false);
    expect(ipInRange('198.51.100.7', '198.51.100.7')).toBe(true);
    expect(ipInRange('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(ipInRange('::ffff:203.0.113.10', '203.0.113.0/24')).toBe(true);
    expect(ipInRange('203.0.113.10', '2001:db8::/32')).toBe(false);
    expect(ipInRanges('10.0.0.1', ['192.168.0.0/16', '10.0.0.0/8'])).toBe(true);
  });
  it('never matches garbage', () => {
    expect(ipInRange('not-an-ip', '0.0.0.0/0')).toBe(false);
    expect(ipInRange('10.0.0.1', 'VirtualNetwork')).toBe(false);
    expect(isIp('300.1.1.1')).toBe(false);
  });
  it('nests CIDRs', () => {
    expect(cidrWithin('10.0.1.0/26', '10.0.0.0/16')).toBe(true);
    expect(cidrWithin('10.0.0.0/8', '10.0.0.0/16')).toBe(false);
  });
  it('every address of a /24 is inside it and outside a disjoint /24 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (last) => {
        expect(ipInRange(`203.0.113.${last}`, '203.0.113.0/24')).toBe(true);
        expect(ipInRange(`203.0.113.${last}`, '198.51.100.0/24')).toBe(false);
      }),
    );
  });
});
