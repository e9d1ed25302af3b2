import type { z } from 'zod';
import type { PimRequestState } from '../../ipc/contract/pim';

/** The console's state for a schedule request. */
export type RequestState = z.output<typeof PimRequestState>;

const STATES: ReadonlyArray<[RequestState, readonly string[]]> = [
  ['active', ['Provisioned']],
  ['pending-approval', ['PendingApproval', 'PendingApprovalProvisioning', 'PendingAdminDecision']],
  ['pending-provisioning', ['Accepted', 'PendingEvaluation', 'Granted', 'PendingProvisioning', 'ProvisioningStarted', 'PendingScheduleCreation', 'ScheduleCreated', 'AdminApproved', 'PendingExternalProvisioning']],
  ['denied', ['Denied', 'AdminDenied']],
  ['revoked', ['Revoked', 'PendingRevocation']],
  ['canceled', ['Canceled']],
];

/** Maps ARM's request status (`Provisioned`, `PendingApproval`, …) to the console's state; anything else is `failed`. */
export function requestState(status: string | undefined): RequestState {
  for (const [state, statuses] of STATES) if (statuses.includes(status ?? '')) return state;
  return 'failed';
}

/** True while ARM may still change the request on its own (provisioning in progress). */
export function isSettling(state: RequestState): boolean {
  return state === 'pending-provisioning';
}

/** Azure refuses to deactivate an activation younger than this (`ActiveDurationTooShort`). */
export const MINIMUM_ACTIVE_MINUTES = 5;
