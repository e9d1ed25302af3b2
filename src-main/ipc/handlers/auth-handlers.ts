import type { IpcRouter } from '../router';
import type { AuthService } from '../../services/auth/auth-service';

/** What the identity handlers need. */
export interface AuthHandlerDeps {
  readonly auth: AuthService;
}

/** Registers the identity invokes and forwards state changes and device-code prompts as events. */
export function registerAuthHandlers(router: IpcRouter, deps: AuthHandlerDeps): () => void {
  const { auth } = deps;
  router.handle('auth.status', () => auth.status());
  router.handle('auth.signIn', ({ method, forceAccountPicker }) => auth.signIn(method, { forceAccountPicker }));
  router.handle('auth.cancel', async () => ({ cancelled: await auth.cancel() }));
  router.handle('auth.signOut', ({ homeAccountId }) => auth.signOut(homeAccountId));
  router.handle('auth.accounts', () => auth.accounts());
  router.handle('auth.selectAccount', ({ homeAccountId }) => auth.selectAccount(homeAccountId));
  router.handle('auth.tenants', async () => ({ tenants: await auth.tenants() }));
  router.handle('auth.subscriptions', async ({ tenantId }) => ({ subscriptions: await auth.subscriptions(tenantId) }));
  router.handle('auth.selectTenant', ({ tenantId }) => auth.selectTenant(tenantId));
  const offState = auth.onDidChangeState((status) => router.emit('auth.state', status));
  const offPrompt = auth.onDidPromptDeviceCode((prompt) => router.emit('auth.deviceCode', prompt));
  return () => {
    offState();
    offPrompt();
  };
}
