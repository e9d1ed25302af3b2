import https from 'node:https';
import { AppError } from '../errors';
import type { BastionConfig } from './bastion-config';
import { assertBastionHost, dialTarget, type DialTarget } from './bastion-endpoint';
import { networkError, tokenRequestError } from './bastion-errors';
import type { BastionNet } from './bastion-net';

/** One Bastion session as `/api/tokens` hands it out. All three values are bearer secrets: never log them. */
export interface BastionSession {
  readonly authToken: string;
  readonly nodeId: string;
  readonly websocketToken: string;
  /** The host that minted it (dnsName, or the Developer data pod); DELETE goes there too. */
  readonly endpoint: string;
}

/** Form fields of `/api/tokens` (protocol §2). */
export interface TokenForm {
  readonly resourceId: string;
  readonly workloadHostPort: number;
  readonly aztoken: string;
  readonly hostname?: string;
}

interface RawResponse {
  status: number;
  body: string;
}

const MAX_BODY = 256 * 1024;

/** The REST half of the protocol: mint a session, delete it, find a Developer data pod. */
export class BastionTokenApi {
  /** Creates the API over the net port and the timeouts in configuration. */
  constructor(
    private readonly net: BastionNet,
    private readonly config: BastionConfig,
  ) {}

  /** `POST /api/tokens`: one new session for one TCP connection. */
  async createSession(endpoint: string, form: TokenForm, bastionName: string, signal?: AbortSignal): Promise<BastionSession> {
    const params = new URLSearchParams({ resourceId: form.resourceId, protocol: 'tcptunnel', workloadHostPort: String(form.workloadHostPort), aztoken: form.aztoken });
    if (form.hostname) params.set('hostname', form.hostname);
    const target = dialTarget(this.config, 'https', endpoint, '/api/tokens');
    const res = await this.send(target, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, params.toString(), bastionName, this.config.requestTimeoutMs, signal);
    if (res.status !== 200) throw tokenRequestError(res.status, res.body, bastionName);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(res.body) as Record<string, unknown>;
    } catch {
      throw new AppError('bastion.bad_response', `Bastion ${bastionName} answered the session request with something that is not JSON.`, { params: { bastion: bastionName } });
    }
    const { authToken, nodeId, websocketToken } = parsed;
    if (typeof authToken !== 'string' || !authToken || typeof websocketToken !== 'string' || !websocketToken || typeof nodeId !== 'string') {
      throw new AppError('bastion.bad_response', `Bastion ${bastionName} answered the session request without the session tokens.`, { params: { bastion: bastionName } });
    }
    return { authToken, nodeId, websocketToken, endpoint };
  }

  /** `DELETE /api/tokens/{authToken}` with `X-Node-Id`; 404 means it is already gone, which is fine. */
  async deleteSession(session: BastionSession, bastionName: string): Promise<'deleted' | 'already-gone'> {
    const target = dialTarget(this.config, 'https', session.endpoint, `/api/tokens/${encodeURIComponent(session.authToken)}`);
    const headers: Record<string, string> = {};
    if (session.nodeId) headers['X-Node-Id'] = session.nodeId;
    const res = await this.send(target, 'DELETE', headers, undefined, bastionName, this.config.deleteTimeoutMs);
    if (res.status === 200 || res.status === 204) return 'deleted';
    if (res.status === 404) return 'already-gone';
    throw tokenRequestError(res.status, res.body, bastionName);
  }

  /** Developer SKU: `POST /api/connection` returns, as plain text, the data-pod host used for everything after. */
  async developerEndpoint(dnsName: string, body: { resourceId: string; bastionResourceId: string; vmPort: number; azToken: string }, bastionName: string, signal?: AbortSignal): Promise<string> {
    const target = dialTarget(this.config, 'https', dnsName, '/api/connection');
    const res = await this.send(target, 'POST', { 'Content-Type': 'application/json' }, JSON.stringify({ ...body, connectionType: 'nativeclient' }), bastionName, this.config.requestTimeoutMs, signal);
    if (res.status >= 400) throw tokenRequestError(res.status, res.body, bastionName);
    const host = res.body.trim();
    if (!/^[a-z0-9.-]{1,253}$/i.test(host)) throw new AppError('bastion.bad_response', `Bastion ${bastionName} answered the Developer connection request with an invalid host name.`, { params: { bastion: bastionName } });
    assertBastionHost(this.config, host, bastionName);
    return host;
  }

  private async send(target: DialTarget, method: string, headers: Record<string, string>, body: string | undefined, bastionName: string, timeoutMs: number, signal?: AbortSignal): Promise<RawResponse> {
    const agent = await this.net.agentFor(target.logicalUrl);
    return new Promise<RawResponse>((resolve, reject) => {
      const fail = (error: unknown) => reject(networkError(error, bastionName, 'request'));
      const req = https.request(target.url, {
        method,
        agent,
        ca: [...this.net.ca],
        servername: target.servername,
        headers: { ...headers, Host: target.logicalUrl.host, ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }) },
        timeout: timeoutMs,
        signal,
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) res.destroy(new Error('response too large'));
          else chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.end(body);
    });
  }
}
