import { AppError } from '../errors';
import { redactText } from '../log';
import type { TunnelProblem } from './bastion-types';

/** Keeps a service-provided message short and free of anything secret-shaped. */
function serviceMessage(text: string): string {
  const trimmed = redactText(text.replace(/\s+/g, ' ').trim());
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

/** Extracts `message` from a JSON error body, or nothing when the body is not JSON (Bastion sometimes answers plain text). */
export function messageFromBody(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const message = record.message ?? (record.error as Record<string, unknown> | undefined)?.message;
      if (typeof message === 'string' && message.trim()) return serviceMessage(message);
    }
  } catch {
    /* not JSON: fall through to the status alone */
  }
  return undefined;
}

/** Maps a failed `/api/tokens` or `/api/connection` answer to an operator-facing error. */
export function tokenRequestError(status: number, body: string, bastionName: string): AppError {
  const said = messageFromBody(body);
  const suffix = said ? ` Bastion said: "${said}"` : '';
  if (said && /tunneling is disabled/i.test(said)) {
    return new AppError('bastion.tunneling_disabled', `Native client support (tunneling) is turned off on Bastion ${bastionName}. Turn on "Native client support" on the Bastion (Standard or Premium SKU) and try again.`, { params: { bastion: bastionName } });
  }
  if (status === 401) return new AppError('bastion.unauthorized', `Bastion ${bastionName} did not accept your sign-in (HTTP 401). Sign in again and retry.${suffix}`, { params: { bastion: bastionName } });
  if (status === 403) return new AppError('bastion.forbidden', `Bastion ${bastionName} refused the connection (HTTP 403). You need Reader on the Bastion and on the target; IP-based connect must be enabled for IP targets.${suffix}`, { params: { bastion: bastionName } });
  if (status === 404) return new AppError('bastion.not_found', `Bastion ${bastionName} does not know the target or the session (HTTP 404).${suffix}`, { params: { bastion: bastionName } });
  if (status === 429) return new AppError('bastion.throttled', `Bastion ${bastionName} is throttling requests (HTTP 429). Wait a moment and retry.${suffix}`, { params: { bastion: bastionName } });
  if (status >= 500) return new AppError('bastion.service_error', `Bastion ${bastionName} failed to start a session (HTTP ${status}). Retry; if it persists, check the Bastion's health in the portal.${suffix}`, { params: { bastion: bastionName } });
  return new AppError('bastion.request_rejected', `Bastion ${bastionName} rejected the session request (HTTP ${status}).${suffix}`, { params: { bastion: bastionName } });
}

/** Maps a refused websocket upgrade to an operator-facing error. */
export function handshakeError(status: number, bastionName: string): AppError {
  if (status === 401 || status === 403) return new AppError('bastion.handshake_refused', `Bastion ${bastionName} refused the tunnel handshake (HTTP ${status}); the session token was not accepted. Retry to get a fresh session.`, { params: { bastion: bastionName } });
  if (status === 404) return new AppError('bastion.handshake_refused', `Bastion ${bastionName} did not find the tunnel session (HTTP 404). Retry to get a fresh session.`, { params: { bastion: bastionName } });
  return new AppError('bastion.handshake_failed', `The tunnel handshake with Bastion ${bastionName} failed (HTTP ${status}).`, { params: { bastion: bastionName } });
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/i;

/** Maps a network-level failure (DNS, refused, TLS, proxy, timeout) reaching Bastion. */
export function networkError(error: unknown, bastionName: string, leg: 'request' | 'tunnel'): AppError {
  if (error instanceof AppError) return error;
  const err = error as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  const text = serviceMessage(err?.message ?? String(error));
  const what = leg === 'request' ? 'the Bastion service' : 'the Bastion tunnel endpoint';
  if (TLS_CODES.test(code) || TLS_CODES.test(text)) {
    return new AppError('bastion.tls_untrusted', `The certificate presented for ${what} of ${bastionName} is not trusted (${code || text}). If a TLS-inspecting proxy is in the way, configure its CA bundle.`, { cause: error, params: { bastion: bastionName } });
  }
  if (/proxy/i.test(text) || code === 'ERR_PROXY') {
    return new AppError('bastion.proxy_failed', `The HTTPS proxy would not connect to ${what} of ${bastionName}: ${text}`, { cause: error, params: { bastion: bastionName } });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new AppError('bastion.unreachable', `The name of ${what} of ${bastionName} does not resolve (${code}). Check DNS and the proxy settings.`, { cause: error, params: { bastion: bastionName } });
  if (code === 'ETIMEDOUT' || /timed out|timeout/i.test(text)) return new AppError('bastion.timeout', `${capitalise(what)} of ${bastionName} did not answer in time.`, { cause: error, params: { bastion: bastionName } });
  return new AppError('bastion.unreachable', `Could not reach ${what} of ${bastionName} (${code || text}).`, { cause: error, params: { bastion: bastionName } });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Describes why an open websocket ended, as a problem (lost) or nothing (a normal close). */
export function closeProblem(code: number, bastionName: string): TunnelProblem | undefined {
  if (code === 1000 || code === 1005) return undefined;
  if (code === 1006) return { code: 'bastion.dropped', message: `The connection to Bastion ${bastionName} dropped without a goodbye (websocket 1006).` };
  if (code === 1001) return { code: 'bastion.going_away', message: `Bastion ${bastionName} is going away (websocket 1001); reconnect to continue.` };
  if (code === 1011) return { code: 'bastion.server_error', message: `Bastion ${bastionName} ended the tunnel after an internal error (websocket 1011).` };
  if (code === 1013) return { code: 'bastion.try_later', message: `Bastion ${bastionName} is overloaded and ended the tunnel (websocket 1013); retry shortly.` };
  if (code === 1002 || code === 1003 || code === 1007 || code === 1009) return { code: 'bastion.protocol', message: `The tunnel to Bastion ${bastionName} broke on a protocol error (websocket ${code}).` };
  return { code: 'bastion.closed_unexpectedly', message: `Bastion ${bastionName} ended the tunnel (websocket ${code}).` };
}

/** Converts anything thrown into a problem record safe to show. */
export function toProblem(error: unknown): TunnelProblem {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'bastion.internal', message: 'The tunnel failed unexpectedly.' };
}
