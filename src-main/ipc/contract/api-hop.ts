import { z } from 'zod';
import { invoke } from './define';

/** The checks of the can-i matrix (see services/api-hop/can-i-checks). */
export const CanICheckId = z.enum(['list-pods', 'read-logs', 'exec', 'apply-deployments', 'delete-pods']);

/** One answered check; `reason` names the binding or Azure role that grants it when the server says. */
export const CanICheckResult = z.object({
  id: CanICheckId,
  verb: z.string(),
  group: z.string(),
  resource: z.string(),
  subresource: z.string().optional(),
  allowed: z.boolean(),
  reason: z.string().nullable(),
});

/** What the API server hop proved: the private name TLS was checked against, who the token is, what it may do. */
export const ApiHop = z.object({
  serverName: z.string(),
  username: z.string(),
  groups: z.array(z.string()),
  namespace: z.string(),
  checks: z.array(CanICheckResult),
  freshTokenAfterChallenge: z.boolean(),
});

/** Invokes of the API server hop. */
export const apiHopInvokes = {
  /** Through an open tunnel: TLS to the private FQDN, SelfSubjectReview and a SelfSubjectAccessReview per check (never a token in the answer). */
  'kubectl.apiHop': invoke(
    z.strictObject({
      clusterId: z.string().min(10).max(1024).regex(/^\/subscriptions\/[^\s]+$/i, 'an Azure resource id'),
      tunnelName: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ -'),
      namespace: z.string().min(1).max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a Kubernetes namespace name'),
    }),
    ApiHop,
  ),
} as const;
