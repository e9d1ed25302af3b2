import { describe, expect, it } from 'vitest';
import { evaluateInbound } from '../../../../../src-main/services/checklist/nsg-eval';

const defaults = [
  { name: 'AllowVnetInBound', priority: 65000, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' },
  { name: 'DenyAllInBound', priority: 65500, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '*' },
];
const bastion = { prefix: '10.0.1.0/26', insideVnet: true, label: 'bastion' };
const internet = { prefix: '203.0.113.10', insideVnet: false, label: 'operator' };

describe('evaluateInbound', () => {
  it('lets the default AllowVnetInBound admit VNet sources and DenyAllInBound stop the internet', () => {
    expect(evaluateInbound({ defaultSecurityRules: defaults }, bastion, 22, '10.0.2.4')).toMatchObject({ allowed: true, ruleName: 'AllowVnetInBound' });
    expect(evaluateInbound({ defaultSecurityRules: defaults }, internet, 22, '10.0.2.4')).toMatchObject({ allowed: false, ruleName: 'DenyAllInBound' });
  });
  it('orders by priority: a lower-numbered deny beats a later allow', () => {
    const nsg = { securityRules: [
      { name: 'AllowSsh', priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', destinationPortRange: '22', destinationAddressPrefix: '*' },
      { name: 'DenySsh', priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '203.0.113.0/24', destinationPortRange: '22', destinationAddressPrefix: '*' },
    ], defaultSecurityRules: defaults };
    expect(evaluateInbound(nsg, internet, 22, '10.0.2.4')).toMatchObject({ allowed: false, ruleName: 'DenySsh', priority: 200 });
  });
  it('matches port ranges and lists, protocol *, and ignores outbound and other ports', () => {
    const nsg = { securityRules: [
      { name: 'Out', priority: 100, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationPortRange: '*' },
      { name: 'Rdp', priority: 110, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationPortRange: '3389', destinationAddressPrefix: '*' },
      { name: 'Range', priority: 120, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefixes: ['198.51.100.0/24', '203.0.113.0/24'], destinationPortRanges: ['20-23'], destinationAddressPrefix: '10.0.2.0/24' },
    ], defaultSecurityRules: defaults };
    expect(evaluateInbound(nsg, internet, 22, '10.0.2.4')).toMatchObject({ allowed: true, ruleName: 'Range' });
    expect(evaluateInbound(nsg, internet, 22, '10.9.9.9')).toMatchObject({ allowed: false, ruleName: 'DenyAllInBound' });
  });
  it('a source range only partly inside a rule prefix does not match it', () => {
    const nsg = { securityRules: [{ name: 'Narrow', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.0.1.0/28', destinationPortRange: '22', destinationAddressPrefix: '*' }], defaultSecurityRules: [defaults[1]!] };
    expect(evaluateInbound(nsg, bastion, 22, null).allowed).toBe(false);
  });
  it('notes rules with application security groups it cannot evaluate', () => {
    const nsg = { securityRules: [{ name: 'Asg', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceApplicationSecurityGroups: [{ id: 'asg' }], destinationPortRange: '22', destinationAddressPrefix: '*' }], defaultSecurityRules: defaults };
    expect(evaluateInbound(nsg, internet, 22, null).notes[0]).toContain('application security groups');
  });
});
