/**
 * The Microsoft Learn page behind each access path and each check, in the UI's language
 * (`/ja-jp/` or `/en-us/`). Only pages whose paths are backed by the project's docs
 * (`shared/docs/anchors.md`, `arm-api.md`) or by Learn pages found while writing this are listed;
 * a path or check without one links to the guide "Access an AKS API server" alone.
 */

/** The guide the console follows. */
export const ACCESS_GUIDE = '/azure/architecture/guide/security/access-azure-kubernetes-service-cluster-api-server';

const PAGES = {
  bastionNativeClient: '/azure/bastion/native-client',
  bastionToAks: '/azure/bastion/bastion-connect-to-aks-private-cluster',
  privateClusters: '/azure/aks/private-clusters',
  commandInvoke: '/azure/aks/command-invoke',
  jit: '/azure/defender-for-cloud/just-in-time-access-usage',
  entraAuthorization: '/azure/aks/entra-id-authorization',
  azureRbac: '/azure/aks/manage-azure-rbac',
  authorizedIpRanges: '/azure/aks/api-server-authorized-ip-ranges',
  expressRoute: '/azure/architecture/reference-architectures/hybrid-networking/expressroute',
  vnetPeering: '/azure/virtual-network/virtual-network-manage-peering',
  privateDns: '/azure/dns/private-dns-privatednszone',
} as const;

/** A Learn page the console links to: which one, and the key of its label. */
export interface LearnPage {
  readonly path: string;
  readonly label: keyof typeof PAGES | 'guide';
}

const page = (label: keyof typeof PAGES): LearnPage => ({ path: PAGES[label], label });
const GUIDE: LearnPage = { path: ACCESS_GUIDE, label: 'guide' };

/** Pages per access path, by the guide's scenario code (the guide itself first for every path). */
const BY_SCENARIO: Readonly<Record<string, readonly LearnPage[]>> = {
  S1: [page('authorizedIpRanges')],
  S3: [page('bastionNativeClient'), page('bastionToAks')],
  S5: [page('expressRoute')],
  S6: [page('commandInvoke')],
};

/** Pages per check id. */
const BY_CHECK: Readonly<Record<string, readonly LearnPage[]>> = {
  'cluster-exposure': [page('privateClusters')],
  'authorized-ip-ranges': [page('authorizedIpRanges')],
  'bastion-sku': [page('bastionNativeClient')],
  'jit-policy': [page('jit')],
  'run-command': [page('commandInvoke')],
  'entra-integration': [page('entraAuthorization')],
  'kubernetes-authorization': [page('azureRbac')],
  'expressroute-circuit': [page('expressRoute')],
  'vnet-peering': [page('vnetPeering')],
  'gateway-transit': [page('vnetPeering')],
  'private-dns-link': [page('privateDns')],
  'private-dns-a-record': [page('privateDns')],
};

/** The pages for an access path: the guide, then the path's own. */
export function pathLearnPages(scenario: string): readonly LearnPage[] {
  return [GUIDE, ...(BY_SCENARIO[scenario] ?? [])];
}

/** The pages for a check: its own, or the guide when it has none. */
export function checkLearnPages(checkId: string): readonly LearnPage[] {
  return BY_CHECK[checkId] ?? [GUIDE];
}

/** The page's address in the UI's language: Japanese pages for `ja`, English for everything else. */
export function learnUrl(path: string, language: string): string {
  return `https://learn.microsoft.com/${language.startsWith('ja') ? 'ja-jp' : 'en-us'}${path}`;
}
