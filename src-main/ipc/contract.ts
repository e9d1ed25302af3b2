/**
 * THE IPC contract: every invoke and event the renderer and main exchange, declared once as zod
 * schemas. Areas keep their declarations in `./contract/<area>.ts` (zod only) so that parallel work
 * does not collide; this file is the one place that assembles them, and both ends derive from it.
 */
import type { z } from 'zod';
import { appEvents, appInvokes } from './contract/app';
import { auditEvents, auditInvokes } from './contract/audit';
import { authEvents, authInvokes } from './contract/auth';
import { lockEvents, lockInvokes } from './contract/lock';
import { policyEvents, policyInvokes } from './contract/policy';
import { azureEvents, azureInvokes, checklistEvents, checklistInvokes } from './contract/azure';
import { sshEvents, sshInvokes } from './contract/ssh';
import { readinessInvokes } from './contract/readiness';
import { apiHopInvokes } from './contract/api-hop';
import { proxyInvokes } from './contract/proxy';
import { pimEvents, pimInvokes } from './contract/pim';

export { IpcEnvelope, IpcErrorCode } from './contract/define';
export type { EventSpec, InvokeSpec } from './contract/define';

/** Every invoke channel: `area.verb` → request and response schemas. */
export const invokes = {
  ...appInvokes,
  ...auditInvokes,
  ...lockInvokes,
  ...policyInvokes,
  ...authInvokes,
  ...azureInvokes,
  ...checklistInvokes,
  ...sshInvokes,
  ...readinessInvokes,
  ...apiHopInvokes,
  ...proxyInvokes,
  ...pimInvokes,
} as const;

/** Every event: `area.noun` → payload schema. */
export const events = {
  ...appEvents,
  ...auditEvents,
  ...lockEvents,
  ...policyEvents,
  ...authEvents,
  ...azureEvents,
  ...checklistEvents,
  ...sshEvents,
  ...pimEvents,
} as const;

/** Name of an invoke channel. */
export type InvokeChannel = keyof typeof invokes;
/** Request type of an invoke, as the renderer sends it. */
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokes)[C]['req']>;
/** Request type of an invoke, as a handler receives it (after parsing). */
export type ParsedRequest<C extends InvokeChannel> = z.output<(typeof invokes)[C]['req']>;
/** Response type of an invoke. */
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokes)[C]['res']>;
/** Name of an event. */
export type EventName = keyof typeof events;
/** Payload type of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

/** The bridge the preload exposes: one function per invoke, one subscriber per event. */
export interface PreloadApi {
  readonly invoke: { readonly [C in InvokeChannel]: (req: InvokeRequest<C>) => Promise<unknown> };
  readonly on: { readonly [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
}

/** Name of the global the preload defines in the renderer. */
export const PRELOAD_GLOBAL = 'aksConsole';

export { isPortInput, PORT_MAX_INPUT_CHARS, SESSION_PORT_CHANNEL, SESSION_PORT_MESSAGE } from './contract/session-port';
export type { PortHello, PortInput, PortOutput } from './contract/session-port';
