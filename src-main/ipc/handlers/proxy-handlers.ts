import type { IpcRouter } from '../router';
import { AppError } from '../../services/errors/app-error';
import type { KeychainProxyCredentials, ProxyAuthPolicy } from '../../services/net';
import { mayReceiveCredentials } from '../../services/net/proxy-auth/policy';
import type { EffectiveProxyValue } from '../../services/net/effective-proxy';

/** What the proxy-credential handlers need. */
export interface ProxyHandlerDeps {
  readonly credentials: Pick<KeychainProxyCredentials, 'set' | 'clear'>;
  readonly policy: () => ProxyAuthPolicy;
  /** Called after a change so the next tunnel asks the proxy afresh. */
  readonly changed: (proxy: URL) => void;
  /** The proxy in force, for the settings screen. */
  readonly effective?: () => Promise<EffectiveProxyValue>;
}

/** Registers `proxy.saveCredential`, `proxy.forgetCredential` and (given `effective`) `proxy.effective`. */
export function registerProxyHandlers(router: IpcRouter, deps: ProxyHandlerDeps): void {
  router.handle('proxy.saveCredential', async (req) => {
    const proxy = new URL(`http://${req.proxy}`);
    const policy = deps.policy();
    if (!mayReceiveCredentials(policy, proxy)) {
      throw new AppError('proxy.credentials_not_allowed', `Policy does not allow sending credentials to the proxy ${req.proxy}, so none are stored for it.`, { params: { proxy: req.proxy } });
    }
    if (!policy.schemes.includes('ntlm') && !(policy.schemes.includes('basic') && policy.allowBasic)) {
      throw new AppError('proxy.credentials_not_allowed', 'Policy allows no proxy authentication that uses a password (NTLM or Basic).', { params: { proxy: req.proxy } });
    }
    await deps.credentials.set(proxy, { username: req.username, password: req.password });
    deps.changed(proxy);
    return { saved: true as const };
  });
  router.handle('proxy.forgetCredential', async (req) => {
    const proxy = new URL(`http://${req.proxy}`);
    const removed = await deps.credentials.clear(proxy);
    deps.changed(proxy);
    return { removed };
  });
  const effective = deps.effective;
  if (effective) router.handle('proxy.effective', async () => effective());
}
