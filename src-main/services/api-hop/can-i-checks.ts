/** One question of the can-i matrix. */
export interface CanIQuestion {
  /** Stable id (the renderer's label key). */
  readonly id: 'list-pods' | 'read-logs' | 'exec' | 'apply-deployments' | 'delete-pods';
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
}

/** A question with the API server's answer; `reason` names the binding or Azure role that grants it, when the server says. */
export interface CanICheck extends CanIQuestion {
  readonly allowed: boolean;
  readonly reason: string | null;
}

/** What the API server hop proved. */
export interface ApiHopResult {
  readonly serverName: string;
  readonly username: string;
  readonly groups: string[];
  readonly namespace: string;
  readonly checks: CanICheck[];
  /** True when a CAE claims challenge was met and answered with a fresh token. */
  readonly freshTokenAfterChallenge: boolean;
}

/** The compact matrix the guide's operator cares about: list pods, read logs, exec, apply deployments, delete. */
export const CAN_I_CHECKS: readonly CanIQuestion[] = [
  { id: 'list-pods', verb: 'list', group: '', resource: 'pods' },
  { id: 'read-logs', verb: 'get', group: '', resource: 'pods', subresource: 'log' },
  { id: 'exec', verb: 'create', group: '', resource: 'pods', subresource: 'exec' },
  { id: 'apply-deployments', verb: 'patch', group: 'apps', resource: 'deployments' },
  { id: 'delete-pods', verb: 'delete', group: '', resource: 'pods' },
];
