/**
 * The self-review APIs kubectl's `auth` commands call: SelfSubjectReview (`auth whoami`,
 * authentication.k8s.io v1 / v1beta1 / v1alpha1), SelfSubjectAccessReview (`auth can-i`) and
 * SelfSubjectRulesReview (`auth can-i --list`), answered from the same authorizer as every request.
 */
import { authorize, rulesFor, type AuthorizerConfig, type UserInfo } from './rbac';
import type { ResourceType } from './resources';
import { status, type Reply } from './resource-handlers';

type Json = Record<string, unknown>;

/** Answers a POST of a self-review. */
export function serveReview(config: AuthorizerConfig, user: UserInfo, type: ResourceType, body: unknown): Reply {
  const apiVersion = `${type.group}/${type.version}`;
  const review = (body ?? {}) as Json;
  if (review.kind !== undefined && review.kind !== type.kind) return status(400, 'BadRequest', `${type.kind} expected, got ${String(review.kind)}`);
  const base = { kind: type.kind, apiVersion, metadata: { creationTimestamp: null } };
  if (type.kind === 'SelfSubjectReview') {
    return { status: 201, body: { ...base, status: { userInfo: { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups, ...(user.oid ? { extra: { oid: [user.oid] } } : {}) } } } };
  }
  const spec = (review.spec ?? {}) as Json;
  if (type.kind === 'SelfSubjectAccessReview') {
    const r = spec.resourceAttributes as Json | undefined;
    const n = spec.nonResourceAttributes as Json | undefined;
    if (!r && !n) return status(422, 'Invalid', 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
    const attributes = r
      ? { verb: String(r.verb ?? ''), group: String(r.group ?? ''), resource: String(r.resource ?? ''), ...(r.subresource ? { subresource: String(r.subresource) } : {}), ...(r.name ? { name: String(r.name) } : {}), ...(r.namespace ? { namespace: String(r.namespace) } : {}) }
      : { verb: String(n!.verb ?? ''), path: String(n!.path ?? '') };
    const decision = authorize(config, user, attributes);
    return { status: 201, body: { ...base, spec, status: decision.allowed ? { allowed: true, reason: decision.reason } : { allowed: false } } };
  }
  const namespace = String(spec.namespace ?? '');
  const rules = rulesFor(config, user, namespace).map(({ rule }) => rule);
  return {
    status: 201,
    body: {
      ...base,
      spec: { namespace },
      status: {
        resourceRules: rules.filter((r) => r.resources).map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources })),
        nonResourceRules: rules.filter((r) => r.nonResourceURLs).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
        incomplete: false,
      },
    },
  };
}
