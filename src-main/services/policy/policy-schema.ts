import { z } from 'zod';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HttpsUrl = z.url({ protocol: /^https$/ });
const HostName = z.string().regex(/^(\*\.)?[A-Za-z0-9.-]{1,253}$/, 'must be a host name');

/**
 * The enterprise policy file (schema version 1). Every section is optional: what a policy leaves out
 * stays under the operator's control. Published as JSON Schema in `resources/policy.schema.json`.
 */
export const PolicyDocument = z
  .strictObject({
    $schema: z.string().optional(),
    schemaVersion: z.literal(1).describe('Version of this policy format.'),
    auth: z
      .strictObject({
        allowedTenants: z.array(z.string().regex(GUID)).min(1).optional().describe('Entra ID tenant ids the console may work in; others are refused.'),
        clientId: z.string().regex(GUID).optional().describe('App registration (public client) the console signs in as.'),
        authorityHost: HttpsUrl.optional().describe('Entra ID authority origin, e.g. https://login.microsoftonline.us for a sovereign cloud.'),
        deviceCodeAllowed: z.boolean().optional().describe('Whether device-code sign-in (phishing-prone) may be used.'),
        brokerRequired: z.boolean().optional().describe('Require the OS broker (WAM) for interactive sign-in where it exists.'),
      })
      .optional(),
    lock: z
      .strictObject({
        idleTimeoutMinutes: z.number().int().min(1).max(1440).optional().describe('Minutes without input before the console locks.'),
        sessionsOnLock: z.enum(['keep', 'close']).optional().describe('Whether SSH sessions and tunnels survive a lock.'),
        lockOnOsLock: z.boolean().optional().describe('Lock when the OS screen locks or the machine suspends.'),
        unlockWithoutAccount: z
          .enum(['end-sessions', 'keep-sessions'])
          .optional()
          .describe('When the console was locked with no account known (never signed in, e.g. VPN-only use), anyone can unlock it: end every session and tunnel first (default) or keep them.'),
      })
      .optional(),
    clipboard: z
      .strictObject({
        allowCopyFromTerminal: z.boolean().optional(),
        allowPasteToTerminal: z.boolean().optional(),
        confirmMultilinePaste: z.boolean().optional().describe('Ask before pasting more than one line into a terminal.'),
      })
      .optional(),
    ssh: z.strictObject({ requireJitBeforeSsh: z.boolean().optional().describe('Refuse SSH to a VM unless a JIT request for it is active.') }).optional(),
    kubectl: z
      .strictObject({
        credentialProvider: z
          .enum(['console', 'kubelogin'])
          .optional()
          .describe("How kubeconfig contexts the console writes for Entra clusters get a token: 'console' (the console's credential helper, default) or 'kubelogin' (ARM's kubelogin entry, kept as returned)."),
      })
      .optional(),
    audit: z
      .strictObject({
        forwarding: z
          .strictObject({
            endpoint: HttpsUrl.describe('Data collection endpoint (Logs Ingestion API).'),
            dcrImmutableId: z.string().regex(/^dcr-[0-9a-f]{32}$/).describe('Immutable id of the data collection rule.'),
            streamName: z.string().regex(/^Custom-[A-Za-z0-9_]{1,100}$/).describe('Stream declared in the rule.'),
          })
          .optional(),
      })
      .optional(),
    network: z
      .strictObject({
        proxyUrl: z.string().regex(/^https?:\/\/[^\s/]+\/?$/).optional().describe('HTTP proxy for every outbound request, http://host:port.'),
        noProxy: z.array(z.string().min(1).max(255)).max(200).optional().describe('Hosts, .suffixes, IPs or CIDRs reached directly.'),
        pacUrl: z.url({ protocol: /^https?$/ }).optional().describe('Proxy auto-config script (applied to the Electron session).'),
        caBundleFile: z.string().min(1).max(1024).optional().describe('PEM file of extra trusted CAs (a TLS-inspecting proxy).'),
        proxyAuth: z
          .strictObject({
            schemes: z.array(z.enum(['negotiate', 'ntlm', 'basic'])).min(1).max(3).optional().describe('Proxy authentication schemes the console may answer, in order of preference.'),
            servicePrincipal: z.string().regex(/^[A-Za-z0-9._-]+@[A-Za-z0-9.{}_-]+$/).max(255).optional().describe('Kerberos service of the proxy, HTTP@{host} by default ({host} = the proxy host name).'),
            allowBasic: z.boolean().optional().describe('Whether Basic (a reversibly encoded password) may be sent to the proxy.'),
            credentialHosts: z.array(z.string().min(1).max(255)).max(50).optional().describe('Proxy hosts that may receive credentials (host, .suffix, host:port); unset = the proxy the route chose.'),
          })
          .optional()
          .describe('How the console answers a proxy that asks for authentication (407).'),
      })
      .optional(),
    externalLinks: z.strictObject({ allowedHosts: z.array(HostName).max(200) }).optional().describe('Hosts the console may open in the browser.'),
    settings: z
      .strictObject({
        language: z.enum(['en', 'ja']).optional(),
        theme: z.enum(['system', 'light', 'dark', 'high-contrast']).optional(),
      })
      .optional()
      .describe('Operator settings fixed by policy (shown as locked).'),
  })
  .describe('AKS Access Console enterprise policy');

/** A parsed policy document. */
export type PolicyDocument = z.output<typeof PolicyDocument>;

/** The JSON Schema published for policy authors (Intune, GPO, config management). */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PolicyDocument, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://aks-access-console.invalid/policy.schema.json', title: 'AKS Access Console policy' };
}
