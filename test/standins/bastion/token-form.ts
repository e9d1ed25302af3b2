/**
 * The Bastion stand-in's reading of a `POST /api/tokens` request, as strict as the service
 * (bastion-protocol.md §2): a form-urlencoded body only, a bare `aztoken`, a decimal port.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** A request the stand-in accepts: the fields it mints a session from. */
export interface TokenForm {
  readonly resourceId: string;
  readonly port: number;
  readonly aztoken: string;
  readonly hostname?: string;
}

/** A refusal: the status and `message` the stand-in answers with. */
export interface TokenFormRefusal {
  readonly status: number;
  readonly message: string;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';
/** A TCP port written the way the CLI writes it: plain decimal, no sign, no leading zero, no fraction. */
const DECIMAL_PORT = /^[1-9][0-9]{0,4}$/;

/** The media type of a `Content-Type` header, lower-cased, without parameters (null: none). */
export function mediaType(headers: IncomingHttpHeaders): string | null {
  const value = headers['content-type'];
  return value ? value.split(';')[0]!.trim().toLowerCase() : null;
}

/** The field names of a form body in the order sent, when the body is a form. */
export function formFields(headers: IncomingHttpHeaders, body: string): string[] {
  return mediaType(headers) === FORM_TYPE ? [...new URLSearchParams(body).keys()] : [];
}

/** Reads the request; `acceptBearerPrefix` lets a test model a lenient service on purpose. */
export function readTokenForm(headers: IncomingHttpHeaders, body: string, options: { acceptBearerPrefix: boolean }): TokenForm | TokenFormRefusal {
  if (mediaType(headers) !== FORM_TYPE) return { status: 415, message: `Content-Type must be ${FORM_TYPE}` };
  const form = new URLSearchParams(body);
  const resourceId = form.get('resourceId');
  const portText = form.get('workloadHostPort') ?? '';
  const port = Number(portText);
  if (!resourceId || form.get('protocol') !== 'tcptunnel' || !DECIMAL_PORT.test(portText) || port > 65535) return { status: 400, message: 'Missing or invalid field' };
  const aztoken = form.get('aztoken');
  if (!aztoken || (!options.acceptBearerPrefix && /^bearer\s/i.test(aztoken))) return { status: 401, message: 'Unauthorized' };
  const hostname = form.get('hostname');
  return { resourceId, port, aztoken, ...(hostname ? { hostname } : {}) };
}
