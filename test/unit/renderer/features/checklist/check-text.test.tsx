import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckTextCode } from '../../../../../src-main/ipc/contract/check-text';
import type { Check, CheckOutcome } from '../../../../../src-main/services/checklist/check';
import { bastionSku, jitPolicy, jumpBoxAvailability, jumpBoxPublicIp } from '../../../../../src-main/services/checklist/checks/access-checks';
import { privateDnsLink, privateDnsRecord, vnetPeering } from '../../../../../src-main/services/checklist/checks/network-checks';
import { nsgSshInbound } from '../../../../../src-main/services/checklist/checks/nsg-check';
import { jumpBoxDns, jumpBoxHealthz, jumpBoxTcp } from '../../../../../src-main/services/checklist/checks/probe-checks';
import { sshKeyPlacement } from '../../../../../src-main/services/checklist/checks/ssh-key-check';
import { runChecks } from '../../../../../src-main/services/checklist/engine';
import { checkTextKey } from '../../../../../src-renderer/features/checklist/check-text';
import { CheckRowDetails } from '../../../../../src-renderer/features/checklist/check-row-details';
import type { CheckResult } from '../../../../../src-renderer/features/checklist/checklist-model';
import { initI18n } from '../../../../../src-renderer/i18n';
import { en, ja } from '../../../../../src-renderer/i18n/resources';
import { fakeContext, type FakeInput } from '../../../main/services/checklist/fake-context';
import { ids, privateTopology } from '../../../main/services/access-paths/topology-fixture';

afterEach(cleanup);

function lookup(table: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), table);
}

/** Codes whose wording is names and values only, the same in every language. */
const NAMES_ONLY = new Set(['endpoint.record_points', 'probe.healthz']);

/** Runs of three English words or more: a sentence, not a name. */
const ENGLISH_SENTENCE = /\b[A-Za-z][a-z]+(?:[ ,]+[A-Za-z][a-z]+){2,}/;

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('checklist evidence and fix codes: the tables', () => {
  it('words every code in English and in Japanese, with the same parameters', () => {
    for (const code of CheckTextCode.options) {
      const enText = lookup(en, checkTextKey(code));
      const jaText = lookup(ja, checkTextKey(code));
      expect(typeof enText, `en ${code}`).toBe('string');
      expect(typeof jaText, `ja ${code}`).toBe('string');
      expect(placeholders(jaText as string), code).toEqual(placeholders(enText as string));
    }
  });

  it('writes Japanese in Japanese (not English copied over) and with the glossary terms', () => {
    for (const code of CheckTextCode.options) {
      const jaText = lookup(ja, checkTextKey(code)) as string;
      // Lines that are only names and values (`{{record}} → {{ips}}`, `GET {{url}} → …`) have nothing to translate.
      if (!NAMES_ONLY.has(code)) expect(jaText.replace(/\{\{\w+\}\}/g, ''), code).toMatch(/[ぁ-んァ-ヶ一-龯]/);
      expect(jaText.replace(/\{\{\w+\}\}/g, ''), code).not.toMatch(ENGLISH_SENTENCE);
      expect(jaText, code).not.toMatch(/ジャンプ ホスト|踏み台|ホスト鍵|Azure ポータル|VNet ピアリング/);
    }
  });
});

/** Results as main produces them for the coded checks, in states an operator meets (mostly failing). */
async function producedResults(): Promise<CheckResult[]> {
  const nsgId = '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-jump';
  const unlinked = privateTopology();
  unlinked.dns.links = unlinked.dns.links.filter((l) => l.vnetId !== ids.hub);
  const wrongRecord = privateTopology();
  wrongRecord.dns.aRecord = { name: 'aks-prod-1', ips: ['10.9.9.9'] };
  const oneWay = privateTopology();
  oneWay.peerings = oneWay.peerings.filter((p) => p.name !== 'spoke-to-hub');
  const basic = privateTopology();
  basic.bastions[0] = { ...basic.bastions[0]!, sku: 'Basic', enableTunneling: false };
  const withNsg = privateTopology();
  withNsg.jumpBoxes[0] = { ...withNsg.jumpBoxes[0]!, subnetNsgId: nsgId };
  const denyNsg = {
    id: nsgId,
    securityRules: [{ name: 'DenySsh', priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '22' }],
    defaultSecurityRules: [{ name: 'DenyAllInBound', priority: 65500, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }],
  } as const;
  const withJit = privateTopology();
  withJit.jitPolicies = [{ id: 'p', name: 'default', location: 'japaneast', vmIds: [ids.jump], ports: [{ vmId: ids.jump, number: 22, protocol: '*', maxRequestAccessDuration: 'PT3H' }], openRequests: [{ vmId: ids.jump, port: 22, requestor: 'ops@contoso.example', source: '203.0.113.10', endTimeUtc: '2026-11-29T10:00:00.000Z' }] }];
  const failingProbe = { resolve: async () => ['20.1.2.3'], tcpConnect: async () => Promise.reject(new Error('ECONNREFUSED')), httpsGet: async () => ({ status: 500, body: 'etcd' }) };
  const cases: Array<[Check, FakeInput]> = [
    [privateDnsLink, { topology: unlinked, vnets: { [ids.hub]: { id: ids.hub, dhcpOptions: { dnsServers: ['192.168.1.53'] } } } }],
    [privateDnsLink, { topology: unlinked, vnets: { [ids.hub]: { id: ids.hub, dhcpOptions: { dnsServers: ['10.1.5.4'] } } } }],
    [privateDnsLink, {}],
    [privateDnsRecord, { topology: wrongRecord }],
    [vnetPeering, { topology: oneWay }],
    [vnetPeering, {}],
    [bastionSku, { topology: basic }],
    [nsgSshInbound, { topology: withNsg, nsgs: { [nsgId]: denyNsg as never } }],
    [nsgSshInbound, {}],
    [sshKeyPlacement, { privateKeyPath: '/dev/zero' }],
    [sshKeyPlacement, { privateKeyPath: '/nonexistent/id_ed25519' }],
    [jumpBoxDns, {}],
    [jumpBoxDns, { probe: failingProbe }],
    [jumpBoxTcp, { probe: failingProbe }],
    [jumpBoxHealthz, { probe: failingProbe }],
    [jumpBoxAvailability, { powerState: 'deallocated' }],
    [jumpBoxAvailability, {}],
    [jumpBoxPublicIp, {}],
    [jumpBoxPublicIp, { path: 'ssh-jumpbox' }],
    [jitPolicy, {}],
    [jitPolicy, { topology: withJit }],
  ];
  const out: CheckResult[] = [];
  for (const [check, input] of cases) {
    const [result] = await runChecks([check], fakeContext(input), { concurrency: 1, timeoutMs: 5_000 });
    out.push(result!);
  }
  return out;
}

async function renderDetails(language: 'en' | 'ja', result: CheckResult) {
  const i18n = await initI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <CheckRowDetails result={result} open />
    </I18nextProvider>,
  );
}

describe('checklist evidence and fixes in the operator\'s language', () => {
  it('renders the coded checks in Japanese with no English sentence, names and commands verbatim', async () => {
    const results = await producedResults();
    const statuses = results.map((r) => r.status);
    expect(statuses).toContain('fail');
    for (const result of results) {
      const lines = [...result.evidence, ...(result.remediation?.steps ?? [])];
      expect(lines.filter((l) => l.code === 'untranslated').map((l) => l.text), result.checkId).toEqual([]);
      const view = await renderDetails('ja', result);
      expect(view.container.querySelector('[data-untranslated-original]'), result.checkId).toBeNull();
      const shown = view.container.querySelector('.check-details')!;
      const commands = [...shown.querySelectorAll('pre code')].map((c) => c.textContent ?? '');
      let text = [...shown.querySelectorAll('li')].map((li) => li.textContent ?? '').join('\n');
      for (const line of lines) for (const value of Object.values(line.params)) text = text.split(value).join(' ');
      expect(text, `${result.checkId}: ${text}`).not.toMatch(ENGLISH_SENTENCE);
      expect(text).toMatch(/[ぁ-んァ-ヶ一-龯]/);
      expect(commands, result.checkId).toEqual(result.remediation?.az ? [result.remediation.az] : []);
      view.unmount();
    }
  });

  it('shows the same az command, byte for byte, in English and Japanese', async () => {
    const results = (await producedResults()).filter((r) => r.remediation?.az);
    expect(results.length).toBeGreaterThan(3);
    for (const result of results) {
      const seen: string[] = [];
      for (const language of ['en', 'ja'] as const) {
        const view = await renderDetails(language, result);
        seen.push(view.container.querySelector('pre code')?.textContent ?? '');
        view.unmount();
      }
      expect(seen).toEqual([result.remediation!.az, result.remediation!.az]);
    }
  });

  it('words the English table as main words the sentence, so the English UI reads as before', async () => {
    const i18n = await initI18n('en');
    for (const result of await producedResults()) {
      for (const line of [...result.evidence, ...(result.remediation?.steps ?? [])]) {
        if (line.code === 'untranslated' || line.code === 'probe.open_terminal_first') continue;
        expect(i18n.t(checkTextKey(line.code), line.params), line.code).toBe(line.text);
      }
    }
  });

  it('shows an uncoded line in Japanese only as the labelled English original', async () => {
    const outcome: CheckOutcome = { status: 'warn', evidence: [{ code: 'untranslated', text: 'Something only main says.', params: {} }] };
    const result: CheckResult = { checkId: 'x', title: 'x', hops: ['api-server'], status: outcome.status, evidence: outcome.evidence, remediation: null, durationMs: 1 };
    const view = await renderDetails('ja', result);
    expect(view.container.querySelector('[data-untranslated-original]')?.textContent).toBe('Something only main says.');
  });
});
