import { events, invokes, type PreloadApi } from '../../src-main/ipc/contract';
import type { IpcRouter } from '../../src-main/ipc/router';

/** One way the contract and its two ends disagree. */
export type ContractGap =
  | { kind: 'missing-handler'; channel: string }
  | { kind: 'missing-bridge-invoke'; channel: string }
  | { kind: 'missing-bridge-event'; event: string }
  | { kind: 'extra-bridge-entry'; name: string };

/** Walks the contract and lists every entry lacking a handler in `router` or a function in `api`. */
export function findContractGaps(
  router: Pick<IpcRouter, 'missingHandlers'>,
  api: PreloadApi,
  contract: { invokes: object; events: object } = { invokes, events },
): ContractGap[] {
  const gaps: ContractGap[] = router.missingHandlers().map((channel) => ({ kind: 'missing-handler', channel }));
  const invokeApi = api.invoke as Record<string, unknown>;
  const eventApi = api.on as Record<string, unknown>;
  for (const channel of Object.keys(contract.invokes)) {
    if (typeof invokeApi[channel] !== 'function') gaps.push({ kind: 'missing-bridge-invoke', channel });
  }
  for (const event of Object.keys(contract.events)) {
    if (typeof eventApi[event] !== 'function') gaps.push({ kind: 'missing-bridge-event', event });
  }
  for (const name of Object.keys(invokeApi)) if (!(name in contract.invokes)) gaps.push({ kind: 'extra-bridge-entry', name });
  for (const name of Object.keys(eventApi)) if (!(name in contract.events)) gaps.push({ kind: 'extra-bridge-entry', name });
  return gaps;
}
