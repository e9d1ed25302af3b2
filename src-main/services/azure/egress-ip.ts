import { AppError } from '../errors';
import { isIp } from '../azure-model';

/**
 * How the console learns the operator's egress IP. Never a third-party service by default:
 * `none` (the operator types it), `fixed` (policy sets the PAW fleet's NAT address), or `url` (an
 * echo endpoint the organisation runs, answering the caller's address as plain text).
 */
export type EgressIpMethod =
  | { readonly method: 'none' }
  | { readonly method: 'fixed'; readonly value: string }
  | { readonly method: 'url'; readonly url: string };

/** Fetches a small text body over the console's network stack. */
export type TextFetcher = (url: string, signal: AbortSignal) => Promise<string>;

/** Resolves the egress IP by the configured method; null when unknown. */
export class EgressIpResolver {
  /** Creates a resolver; `fetchText` is needed only for the `url` method. */
  constructor(
    private readonly config: EgressIpMethod,
    private readonly fetchText?: TextFetcher,
  ) {}

  /** The egress IP, or null when the method is `none`. A broken echo endpoint is an error, not a guess. */
  async resolve(signal: AbortSignal = AbortSignal.timeout(5000)): Promise<string | null> {
    switch (this.config.method) {
      case 'none':
        return null;
      case 'fixed':
        return this.config.value;
      case 'url': {
        if (!this.fetchText) throw new AppError('azure.egress_unavailable', 'No network client is available to ask the egress-IP endpoint.');
        const text = (await this.fetchText(this.config.url, signal)).trim();
        if (!isIp(text)) throw new AppError('azure.egress_invalid', `The egress-IP endpoint answered something that is not an IP address.`);
        return text;
      }
    }
  }
}
