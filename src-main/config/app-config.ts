import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SimulatedGap } from '../ipc/contract/app';
import { DEFAULT_EXTERNAL_HOSTS } from '../security/external-links';
import { AuthConfig } from '../services/auth/auth-config';
import { AzureConfig } from '../services/azure/azure-config';
import { BastionConfig } from '../services/bastion/bastion-config';

/**
 * Where the console's external endpoints and switches come from. Production uses the defaults
 * (Azure public cloud); tests and demo mode point the same code at the loopback stand-ins.
 */
export const AppConfig = z.strictObject({
  /** True when every cloud endpoint is a stand-in; the UI then shows a permanent banner. */
  simulated: z.boolean().default(false),
  /** Parts of the simulated cloud this run lacks, and why (demo mode without root); shown in the banner. */
  simulatedGaps: z.array(SimulatedGap).default([]),
  /** Hosts `links.open` may hand to the OS browser. */
  externalLinkHosts: z.array(z.string().min(1)).default([...DEFAULT_EXTERNAL_HOSTS]),
  /** Outbound network: proxy (else system proxy, else HTTPS_PROXY/NO_PROXY) and extra trusted CAs; policy overrides. */
  network: z
    .strictObject({
      mode: z.enum(['auto', 'direct']).default('auto'),
      proxyUrl: z.string().min(1).nullable().default(null),
      noProxy: z.array(z.string().min(1)).default([]),
      caBundleFile: z.string().min(1).nullable().default(null),
      /** Proxy authentication (unset fields: Negotiate, NTLM, Basic; `HTTP@{host}`; Basic allowed; any chosen proxy). */
      proxyAuth: z
        .strictObject({
          schemes: z.array(z.enum(['negotiate', 'ntlm', 'basic'])).min(1).optional(),
          servicePrincipal: z.string().min(1).optional(),
          allowBasic: z.boolean().optional(),
          credentialHosts: z.array(z.string().min(1)).optional(),
        })
        .default({}),
    })
    .default({ mode: 'auto', proxyUrl: null, noProxy: [], caBundleFile: null, proxyAuth: {} }),
  /** Entra ID sign-in: client, authority, ARM endpoint, allowed tenants, device-code and broker policy. */
  auth: AuthConfig.default(AuthConfig.parse({})),
  /** Azure layer: portal origin, egress-IP method (never a third-party service by default), ARM retries and polls, checklist parallelism. */
  azure: AzureConfig.default(AzureConfig.parse({})),
  /** Bastion native-client tunnels: token scope, keepalive/dead-peer timing, frame size, stand-in connect overrides. */
  bastion: BastionConfig.default(BastionConfig.parse({})),
});

/** The parsed configuration. */
export type AppConfig = z.output<typeof AppConfig>;

/** Configuration as written (every section and field optional where it has a default). */
export type AppConfigInput = z.input<typeof AppConfig>;

/** Reads the configuration file named by `AKS_CONSOLE_CONFIG`, or the defaults; fails on an invalid file. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const file = env.AKS_CONSOLE_CONFIG;
  if (!file) return AppConfig.parse({});
  const parsed = AppConfig.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`configuration ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
