import {
  events,
  invokes,
  type EventName,
  type EventPayload,
  type InvokeChannel,
  type InvokeResponse,
  type ParsedRequest,
} from './contract';
import type { IpcEnvelope } from './contract/define';
import type { PortHello, PortOutput } from './contract/session-port';
import { isAppError } from '../services/errors/app-error';
import type { Logger } from '../services/log/logger';

/** Who sent an invoke, as the transport saw it. */
export interface SenderInfo {
  /** URL of the frame that sent the message. */
  readonly url: string;
  /** Whether that frame is the top frame of its page. */
  readonly isMainFrame: boolean;
  /** Transport-specific id of the sending page (webContents id, page id). */
  readonly senderId: string;
}

/** Decides whether a sender may talk to main at all. */
export type SenderPolicy = (sender: SenderInfo) => boolean;

/** What a handler receives beside its parsed request. */
export interface CallContext {
  readonly sender: SenderInfo;
  readonly channel: InvokeChannel;
}

/** A handler for one channel: parsed request in, response out. */
export type Handler<C extends InvokeChannel> = (
  req: ParsedRequest<C>,
  ctx: CallContext,
) => Promise<InvokeResponse<C>> | InvokeResponse<C>;

/** A receiver of events (one window, one test page). */
export interface EventSink {
  send(event: EventName, payload: unknown): void;
  /** False once the receiver is gone; dead sinks are skipped and dropped. */
  isAlive(): boolean;
}

/** Refuses a known channel before validation (the idle lock); undefined lets the call through. */
export type DispatchGate = (channel: InvokeChannel, sender: SenderInfo) => { code: string; message: string } | undefined;

/** Sees every call whose request passed validation, with the answer it got and who asked (the audit tap, the session ports). */
export type DispatchObserver = (call: { channel: InvokeChannel; request: unknown; envelope: IpcEnvelope; sender: SenderInfo }) => void;

/** Main's end of one session's data port: a MessagePortMain in Electron, the page binding in the harness. */
export interface PortEnd {
  post(message: PortOutput): void;
  /** Every message the renderer sent, unparsed (the data plane checks it). */
  onMessage(listener: (message: unknown) => void): void;
  /** The other end went away (window closed or reloaded). */
  onClose(listener: () => void): void;
  close(): void;
}

/** Creates a port pair and hands one end to `sender`'s page with `hello`; undefined when that page is not this transport's. */
export type PortOpener = (sender: SenderInfo, hello: PortHello) => PortEnd | undefined;

/** Sees every event after it was sent, with its contract-parsed payload. */
export type EmitObserver = (event: EventName, payload: unknown) => void;

/** Options of the router. */
export interface RouterOptions {
  readonly isTrustedSender: SenderPolicy;
  readonly log: Logger;
}

type AnyHandler = (req: unknown, ctx: CallContext) => unknown;

function fail(code: string, message: string, params?: Record<string, string>): IpcEnvelope<never> {
  return { ok: false, error: params ? { code, message, params } : { code, message } };
}

function byteLength(payload: unknown): number | undefined {
  try {
    const json = JSON.stringify(payload);
    return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The only way to reach a main-process service from a renderer. It knows nothing of Electron:
 * transports hand it (channel, payload, sender) and get an envelope back. Order of checks:
 * known channel → trusted sender → size → schema → handler → response schema.
 */
export class IpcRouter {
  private readonly handlers = new Map<InvokeChannel, AnyHandler>();
  private readonly sinks = new Set<EventSink>();
  private readonly gates = new Set<DispatchGate>();
  private readonly dispatchObservers = new Set<DispatchObserver>();
  private readonly emitObservers = new Set<EmitObserver>();
  private readonly portOpeners = new Set<PortOpener>();
  private readonly log: Logger;

  /** Creates a router with its sender policy and logger. */
  constructor(private readonly options: RouterOptions) {
    this.log = options.log.child('ipc');
  }

  /** Registers the handler of a channel; a second registration is a programming error. */
  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): void {
    if (!(channel in invokes)) throw new Error(`no contract entry for ${channel}`);
    if (this.handlers.has(channel)) throw new Error(`handler for ${channel} registered twice`);
    this.handlers.set(channel, handler as AnyHandler);
  }

  /** Channels that have a handler. */
  handledChannels(): InvokeChannel[] {
    return [...this.handlers.keys()];
  }

  /** Contract channels that still lack a handler. */
  missingHandlers(): InvokeChannel[] {
    return (Object.keys(invokes) as InvokeChannel[]).filter((c) => !this.handlers.has(c));
  }

  /** Adds a gate consulted after the sender check and before validation; returns its remover. */
  addGate(gate: DispatchGate): () => void {
    this.gates.add(gate);
    return () => this.gates.delete(gate);
  }

  /** Adds an observer of validated calls and their answers; returns its remover. */
  observeDispatch(observer: DispatchObserver): () => void {
    this.dispatchObservers.add(observer);
    return () => this.dispatchObservers.delete(observer);
  }

  /** Adds an observer of sent events; returns its remover. */
  observeEmit(observer: EmitObserver): () => void {
    this.emitObservers.add(observer);
    return () => this.emitObservers.delete(observer);
  }

  /** Validates and runs one invoke; never throws, always answers with an envelope. */
  async dispatch(channel: unknown, payload: unknown, sender: SenderInfo): Promise<IpcEnvelope> {
    if (typeof channel !== 'string' || !Object.hasOwn(invokes, channel)) {
      this.log.warn('rejected unknown channel', { channel: String(channel).slice(0, 80), sender: sender.url });
      return fail('ipc.unknown_channel', 'This request is not part of the console contract.');
    }
    const name = channel as InvokeChannel;
    if (!this.options.isTrustedSender(sender)) {
      this.log.warn('rejected untrusted sender', { channel: name, sender: sender.url, mainFrame: sender.isMainFrame });
      return fail('ipc.untrusted_sender', 'Requests are accepted only from the console window.');
    }
    const refusal = this.refusal(name, sender);
    if (refusal) return fail(refusal.code, refusal.message);
    const spec = invokes[name];
    const size = byteLength(payload);
    if (size === undefined) {
      this.log.warn('rejected unserializable payload', { channel: name });
      return fail('ipc.invalid_payload', 'The request could not be read.');
    }
    if (size > spec.maxBytes) {
      this.log.warn('rejected oversized payload', { channel: name, bytes: size, limit: spec.maxBytes });
      return fail('ipc.payload_too_large', `The request is larger than the ${spec.maxBytes}-byte limit of this action.`, { limit: String(spec.maxBytes) });
    }
    const parsed = spec.req.safeParse(payload);
    if (!parsed.success) {
      const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`);
      this.log.warn('rejected invalid payload', { channel: name, issues: where });
      return fail('ipc.invalid_payload', `The request is malformed (${where.join('; ')}).`);
    }
    const envelope = await this.run(name, parsed.data, sender);
    for (const observer of this.dispatchObservers) {
      try {
        observer({ channel: name, request: parsed.data, envelope, sender });
      } catch (error) {
        this.log.warn('dispatch observer failed', { channel: name, error });
      }
    }
    return envelope;
  }

  /** What the gates say to `channel` from `sender` (the data plane asks per port message what dispatch asks per invoke). */
  refusal(channel: InvokeChannel, sender: SenderInfo): { code: string; message: string } | undefined {
    for (const gate of this.gates) {
      const refusal = gate(channel, sender);
      if (refusal) return refusal;
    }
    return undefined;
  }

  /** Adds a transport's way of handing data ports to its pages; returns its remover. */
  attachPortOpener(opener: PortOpener): () => void {
    this.portOpeners.add(opener);
    return () => this.portOpeners.delete(opener);
  }

  /** Opens a data port to `sender`'s page through the transport that serves it; undefined when none does. */
  openPort(sender: SenderInfo, hello: PortHello): PortEnd | undefined {
    for (const opener of this.portOpeners) {
      const end = opener(sender, hello);
      if (end) return end;
    }
    return undefined;
  }

  /** A logger under the router's, for the parts of the IPC layer beside it (the session ports). */
  childLog(area: string): Logger {
    return this.log.child(area);
  }

  private async run(name: InvokeChannel, request: unknown, sender: SenderInfo): Promise<IpcEnvelope> {
    const handler = this.handlers.get(name);
    if (!handler) {
      this.log.error('no handler', { channel: name });
      return fail('ipc.no_handler', 'This action is not available in this build.');
    }
    let result: unknown;
    try {
      result = await handler(request, { sender, channel: name });
    } catch (error) {
      if (isAppError(error)) {
        this.log.info('handler refused', { channel: name, code: error.code, message: error.message });
        return fail(error.code, error.message, error.params);
      }
      this.log.error('handler failed', { channel: name, error });
      return fail('internal', 'Something went wrong inside the console; the log has the details.');
    }
    const checked = invokes[name].res.safeParse(result);
    if (!checked.success) {
      this.log.error('handler returned a response outside the contract', { channel: name, issues: checked.error.issues.slice(0, 3) });
      return fail('ipc.invalid_response', 'The console produced an unexpected answer; the log has the details.');
    }
    return { ok: true, data: checked.data };
  }

  /** Adds an event receiver; returns a function that removes it. */
  attach(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /**
   * Sends an event to every live receiver. The payload is parsed against its schema first, so
   * fields outside the contract (a token that slipped into an object) are stripped, never sent.
   */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = events[event].payload.safeParse(payload);
    if (!parsed.success) {
      this.log.error('event payload outside the contract; not sent', { event, issues: parsed.error.issues.slice(0, 3) });
      return;
    }
    for (const sink of this.sinks) {
      if (!sink.isAlive()) {
        this.sinks.delete(sink);
        continue;
      }
      try {
        sink.send(event, parsed.data);
      } catch (error) {
        this.log.warn('event delivery failed', { event, error });
      }
    }
    for (const observer of this.emitObservers) {
      try {
        observer(event, parsed.data);
      } catch (error) {
        this.log.warn('emit observer failed', { event, error });
      }
    }
  }
}
