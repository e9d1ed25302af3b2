import { z } from 'zod';

/** Default ceiling for one serialized request; a channel may declare its own. */
export const DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

/** One invoke: the request the renderer sends and the response main returns, both as zod schemas. */
export interface InvokeSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly req: Req;
  readonly res: Res;
  /** Largest accepted request, as UTF-8 JSON bytes. */
  readonly maxBytes: number;
}

/** One event: a payload main pushes to the renderer. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
}

/** Declares an invoke; requests are capped at DEFAULT_MAX_REQUEST_BYTES unless `maxBytes` says otherwise. */
export function invoke<Req extends z.ZodType, Res extends z.ZodType>(
  req: Req,
  res: Res,
  options: { maxBytes?: number } = {},
): InvokeSpec<Req, Res> {
  return { req, res, maxBytes: options.maxBytes ?? DEFAULT_MAX_REQUEST_BYTES };
}

/** Declares an event. */
export function event<P extends z.ZodType>(payload: P): EventSpec<P> {
  return { payload };
}

/** The request of an invoke that takes no arguments. */
export const NoRequest = z.void();

/** The response of an invoke that returns nothing. */
export const NoResponse = z.void();

/** Error codes the IPC layer itself produces (services add their own `area.reason` codes). */
export const IpcErrorCode = z.enum([
  'ipc.unknown_channel',
  'ipc.invalid_payload',
  'ipc.payload_too_large',
  'ipc.untrusted_sender',
  'ipc.no_handler',
  'ipc.invalid_response',
  'internal',
]);

/** What every invoke resolves to on the renderer side: data, or a coded error with a plain message. */
export const IpcEnvelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.string()).optional() }),
  }),
]);

/** The envelope as a type. */
export type IpcEnvelope<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; params?: Record<string, string> } };
