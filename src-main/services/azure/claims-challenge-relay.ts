import type { HttpClient } from '@azure/core-rest-pipeline';
import { Emitter } from '../events';

/**
 * Tells listeners when Resource Manager answers 401 with a CAE claims challenge
 * (`WWW-Authenticate: Bearer … error="insufficient_claims", claims="…"`). The Azure SDK's bearer
 * policy answers the challenge itself, once, with a token asked for with those claims (a silent
 * refresh; when the session is gone the console asks for a normal sign-in). The relay lets kubectl's
 * token broker hear of it too: the revocation behind it holds for the AKS token as well.
 */
export class ClaimsChallengeRelay {
  private readonly challenges = new Emitter<[wwwAuthenticate: string]>();

  /** Subscribes to challenges; returns the disposer. */
  readonly onDidSeeChallenge = this.challenges.event;

  /** Wraps a transport so every response is looked at; responses pass through unchanged. */
  wrap(inner: HttpClient): HttpClient {
    return {
      sendRequest: async (request) => {
        const response = await inner.sendRequest(request);
        const header = response.status === 401 ? response.headers.get('www-authenticate') : undefined;
        if (header && /error="insufficient_claims"/i.test(header)) this.challenges.fire(header);
        return response;
      },
    };
  }
}
