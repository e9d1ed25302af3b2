import { describe, expect, it } from 'vitest';
import { rankPaths, type Path, type Preferences } from '../../../../../src-main/services/access-paths/path-chooser';
import { withWorkstationReach, type WorkstationReach } from '../../../../../src-main/services/access-paths/workstation-reach';
import type { Topology } from '../../../../../src-main/services/azure-model/topology-types';
import { reasonText } from '../../../../../src-renderer/features/wizard/reason-text';
import en from '../../../../../src-renderer/features/wizard/locales/en.json';
import ja from '../../../../../src-renderer/features/wizard/locales/ja.json';
import { initI18n } from '../../../../../src-renderer/i18n';
import { codesInChooserSource, emittableReasonCodes, renderingProblems, type EmittedReason } from '../../../../support/path-reason-codes';
import { ids, privateTopology, publicTopology } from '../../../main/services/access-paths/topology-fixture';

const tables = { en: en.wizard.reasonCodes as Record<string, string>, ja: ja.wizard.reasonCodes as Record<string, string> };

/** Topologies that between them make the chooser say everything it can say. */
function variants(): Array<[string, Topology, string | null]> {
  const out: Array<[string, Topology, string | null]> = [];
  const add = (name: string, change: (t: Topology) => void, base: () => Topology = privateTopology, ip: string | null = '203.0.113.10') => {
    const t = base();
    change(t);
    out.push([name, t, ip]);
  };
  const vpn = (t: Topology, extra: Partial<Topology['gateways'][number]> = {}) =>
    t.gateways.push({ id: ids.vpn, name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Succeeded', vnetId: ids.hub, ...extra });
  const er = (t: Topology, extra: Partial<Topology['gateways'][number]> = {}) =>
    t.gateways.push({ id: `${ids.vpn}-er`, name: 'ergw-hub', gatewayType: 'ExpressRoute', vpnType: null, sku: 'Standard', provisioningState: 'Succeeded', vnetId: ids.hub, ...extra });
  add('healthy', () => undefined);
  add('public open', () => undefined, () => publicTopology());
  add('public open, no fqdn', (t) => void (t.cluster = { ...t.cluster, fqdn: null }), () => publicTopology());
  add('public disabled', (t) => void (t.cluster = { ...t.cluster, publicNetworkAccess: 'Disabled' }), () => publicTopology());
  add('public ranges, ip unknown', () => undefined, () => publicTopology(['198.51.100.0/24']), null);
  add('public ranges include ip', () => undefined, () => publicTopology(['203.0.113.0/24']));
  add('public ranges exclude ip', () => undefined, () => publicTopology(['198.51.100.0/24']));
  add('run command disabled', (t) => void (t.cluster = { ...t.cluster, runCommandDisabled: true }));
  add('public fqdn of a private cluster', (t) => void (t.cluster = { ...t.cluster, publicFqdnEnabled: true, fqdn: 'aks-prod.hcp.japaneast.azmk8s.io' }));
  add('peering disconnected, dns link missing', (t) => {
    t.peerings[0] = { ...t.peerings[0]!, state: 'Disconnected' };
    t.dns.links = t.dns.links.filter((l) => l.vnetId !== ids.hub);
  });
  add('peering state unknown', (t) => void (t.peerings[0] = { ...t.peerings[0]!, state: null }));
  add('peering out of sync', (t) => void (t.peerings[1] = { ...t.peerings[1]!, syncLevel: 'LocalNotInSync' }));
  add('peering one way, jump box stopped', (t) => {
    t.peerings.pop();
    t.jumpBoxes[0] = { ...t.jumpBoxes[0]!, powerState: 'deallocated' };
  });
  add('a record missing', (t) => void (t.dns.aRecord = null));
  add('a record missing, no private fqdn', (t) => {
    t.dns.aRecord = null;
    t.cluster = { ...t.cluster, privateFqdn: null };
  });
  add('bastion basic, no tunneling', (t) => void (t.bastions[0] = { ...t.bastions[0]!, sku: 'Basic', enableTunneling: false }));
  add('bastion of unknown sku', (t) => void (t.bastions[0] = { ...t.bastions[0]!, sku: null }));
  add('bastion standard, tunneling off', (t) => void (t.bastions[0] = { ...t.bastions[0]!, enableTunneling: false }));
  add('no bastion', (t) => void (t.bastions = []));
  add('bastion but no jump box', (t) => void (t.jumpBoxes = t.jumpBoxes.filter((j) => j.isAksNode)));
  add('jump box in the cluster vnet, public ip', (t) => void (t.jumpBoxes[0] = { ...t.jumpBoxes[0]!, vnetId: ids.spoke, publicIp: '198.51.100.20' }));
  add('bastion vnet unknown', (t) => void (t.bastions[0] = { ...t.bastions[0]!, vnetId: null }));
  add('no cluster vnet', (t) => void (t.clusterVnet = null));
  add('vpn in the hub without transit', (t) => vpn(t));
  add('vpn failed, dns link missing, no jump box', (t) => {
    vpn(t, { provisioningState: 'Failed' });
    t.jumpBoxes = t.jumpBoxes.filter((j) => j.isAksNode);
    t.dns.links = t.dns.links.filter((l) => l.vnetId !== ids.hub);
  });
  add('expressroute without circuit', (t) => er(t));
  add('expressroute, circuit not provisioned', (t) => {
    er(t, { sku: null, provisioningState: null });
    t.circuits.push({ id: `${ids.vpn}-circuit`, name: 'er-circuit', circuitProvisioningState: 'Enabled', serviceProviderProvisioningState: 'NotProvisioned', serviceProviderName: 'Equinix' });
  });
  return out;
}

const PREFERENCES: Preferences[] = [{}, { sshEgressAllowed: true, vpnConnected: true, expressRouteConnected: true, preferNoJumpBox: true }];

/** What the workstation check can find for a VPN/ExpressRoute path: reached (route known or not), refused, no route, nothing to try. */
const REACHES: Array<WorkstationReach | null> = [
  { ip: '10.0.2.4', port: 22, route: { interface: 'tun0', source: '172.16.201.7' }, connected: true },
  { ip: '10.0.2.4', port: 22, route: null, connected: true },
  { ip: '10.0.2.4', port: 22, route: { interface: 'eth0', source: '192.0.2.5' }, connected: false },
  { ip: '10.0.2.4', port: 22, route: null, connected: false },
  null,
];

function emitted(): EmittedReason[] {
  const withReach = (paths: Path[]) => [paths, ...REACHES.map((r) => withWorkstationReach(paths, new Map(paths.filter((p) => p.id === 'vpn' || p.id === 'expressroute').map((p) => [p.id, r]))))];
  return variants().flatMap(([, t, ip]) => PREFERENCES.flatMap((prefs) => withReach(rankPaths(t, prefs, ip)).flatMap((paths) => paths.flatMap((p) => [...p.reasons, ...p.fixes]))));
}

describe('path reasons in both languages', () => {
  const codes = emittableReasonCodes();

  it('has an English and a Japanese wording for every code the path chooser can emit, and none for codes it cannot', () => {
    expect(codes.length).toBeGreaterThan(50);
    for (const lang of ['en', 'ja'] as const) {
      expect(codes.filter((c) => typeof tables[lang][c] !== 'string'), `missing in ${lang}`).toEqual([]);
      expect(Object.keys(tables[lang]).filter((c) => !codes.includes(c)), `stale in ${lang}`).toEqual([]);
    }
    expect(codes).toEqual(expect.arrayContaining(['vpn-gateway', 'expressroute-gateway', 'no-vpn-gateway', 'no-expressroute-gateway', 'peering-missing', 'bastion-native-client-on', 'bastion-native-client-off']));
  });

  it('reads template codes and both arms of a conditional, and refuses a code it cannot read', () => {
    expect(codesInChooserSource("reason(`${kind}-gateway`, 'x'); reason(ok ? 'a' : 'b', `t`)")).toEqual(['a', 'b', 'expressroute-gateway', 'vpn-gateway']);
    expect(() => codesInChooserSource("reason(someCode, 'text')")).toThrow(/cannot read the code/);
    expect(() => codesInChooserSource("reason(`${side}-x`, 'text')")).toThrow(/unknown template variable/);
  });

  it('the hand-built topologies make the chooser say every code, and only codes the scan knows', () => {
    const said = new Set(emitted().map((r) => r.code));
    expect([...said].filter((c) => !codes.includes(c))).toEqual([]);
    expect(codes.filter((c) => !said.has(c))).toEqual([]);
  });

  it.each(['en', 'ja'] as const)('renders every emitted reason in %s with every value filled in and no placeholder left', async (language) => {
    const i18n = await initI18n(language);
    const problems = [...new Map(emitted().map((r) => [JSON.stringify(r), r])).values()].flatMap((r) => renderingProblems(i18n, r, reasonText));
    expect(problems).toEqual([]);
  });

  it('catches an entry that drops a value or leaves a placeholder (the check can fail)', async () => {
    const i18n = await initI18n('ja');
    i18n.addResource('ja', 'translation', 'wizard.reasonCodes.cluster-private', 'プライベート クラスターです {{clustr}}');
    const problems = renderingProblems(i18n, { code: 'cluster-private', text: 'aks-prod is a private cluster.', params: { cluster: 'aks-prod' } }, reasonText);
    expect(problems.join('\n')).toMatch(/dropped \{\{cluster\}\}/);
    i18n.addResource('ja', 'translation', 'wizard.reasonCodes.cluster-private', '{{cluster}} {{');
    expect(renderingProblems(i18n, { code: 'cluster-private', text: 'x', params: { cluster: 'aks-prod' } }, reasonText).join('\n')).toMatch(/left a placeholder/);
  });
});
