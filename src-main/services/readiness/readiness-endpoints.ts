import type { AppConfig } from '../../config/app-config';
import type { ReadinessEndpoint } from './readiness-service';

/** The endpoints this configuration talks to (Entra ID, ARM, and the optional egress echo and Logs Ingestion at `forwardingEndpoint`). */
export function readinessEndpoints({ auth, azure }: Pick<AppConfig, 'auth' | 'azure'>, forwardingEndpoint: string | null): ReadinessEndpoint[] {
  return [
    { id: 'entra', url: `${auth.authorityHost}/${auth.signInTenant}/v2.0/.well-known/openid-configuration`, expect: [200] },
    // Without a token ARM answers 401: that proves the proxy lets it through and TLS is trusted.
    { id: 'arm', url: `${auth.armEndpoint}/subscriptions?api-version=2022-12-01`, expect: [200, 401] },
    { id: 'egress-ip', url: azure.egressIp.method === 'url' ? azure.egressIp.url : null, expect: [200] },
    // A data collection endpoint's root has no resource: any client error still proves the route.
    { id: 'audit-forwarding', url: forwardingEndpoint, expect: [200, 400, 401, 403, 404, 405] },
  ];
}
