import type { IpcRouter } from '../router';
import { SessionPorts } from '../session-ports';
import { registerSshReattach } from './ssh-reattach';
import { AppError } from '../../services/errors/app-error';
import type { Connectivity } from '../../services/sessions/connectivity';
import { openSshHostToken } from '../../services/ssh/host-id';
import type { SshConfigEndpoint } from '../../services/ssh/ssh-config-export';

/**
 * Registers the connectivity invokes (sessions, their data ports and takeover after a reload,
 * tunnels, host keys, SSH keys, kubeconfig and ssh_config export) and forwards their events. No
 * key, passphrase or kubeconfig credential is ever returned: responses are ids, fingerprints,
 * states and masked diffs. Returns a disposer.
 */
export function registerSshHandlers(router: IpcRouter, connectivity: Connectivity): () => void {
  const { manager, prompts, knownHosts, hostKeyTrust, keys } = connectivity;

  router.handle('ssh.open', async ({ target, label, cols, rows }) => {
    await connectivity.seeder?.seedForOpen(target); // the VM's host keys from Azure, once per VM, so first contact is verified
    return manager.openSession(target, { cols, rows }, label);
  });
  router.handle('ssh.write', ({ sessionId, data }) => ({ accepted: manager.session(sessionId).write(data) }));
  router.handle('ssh.resize', ({ sessionId, cols, rows }) => ({ resized: manager.session(sessionId).resize(cols, rows) }));
  router.handle('ssh.ack', ({ sessionId, bytes }) => {
    manager.session(sessionId).ack(bytes);
    return { ok: true };
  });
  const ports = new SessionPorts(router, manager, router.childLog('session-ports'));
  router.handle('ssh.port', ({ sessionId, nonce }, { sender }) => ({ opened: ports.open(sessionId, nonce, sender) }));
  router.handle('ssh.reconnect', ({ sessionId, password }) => manager.reconnectSession(sessionId, password));
  router.handle('ssh.close', async ({ sessionId }) => ({ closed: await manager.closeSession(sessionId) }));
  router.handle('ssh.list', () => manager.listSessions());
  router.handle('ssh.focus', ({ sessionId }) => {
    manager.focus(sessionId);
    return { ok: true };
  });

  router.handle('tunnels.open', ({ name, via, localPort }) => manager.openTunnel(name, via, localPort));
  router.handle('tunnels.close', async ({ name }) => ({ closed: await manager.closeTunnel(name) }));
  router.handle('tunnels.list', () => manager.listTunnels());
  router.handle('sessions.closeAll', () => manager.closeAll());

  router.handle('hostkeys.decide', ({ decisionId, decision }) => {
    if (!prompts.answer(decisionId, decision)) throw new AppError('hostkeys.unknown_decision', 'This host-key question has already been answered or has expired.');
    return { accepted: decision !== 'refuse' };
  });
  router.handle('hostkeys.pending', () => prompts.list());
  router.handle('hostkeys.list', () => knownHosts.list());
  router.handle('hostkeys.remove', async ({ hostId, fingerprint }) => ({ removed: await hostKeyTrust.remove(hostId, fingerprint) }));
  router.handle('hostkeys.importKnownHosts', (request) => hostKeyTrust.importKnownHosts(request));
  router.handle('hostkeys.seedFromAzure', async ({ vmResourceId, hosts }) => {
    if (!connectivity.seeder) throw new AppError('hostkeys.azure_unavailable', 'Reading host keys from Azure is not available in this build.');
    return connectivity.seeder.seed(vmResourceId, hosts);
  });

  router.handle('sshkeys.import', ({ name, privateKey, passphrase }) => keys.import(name, privateKey, passphrase));
  router.handle('sshkeys.list', () => keys.list());
  router.handle('sshkeys.remove', async ({ keyId }) => ({ removed: await keys.remove(keyId) }));

  router.handle('kubeconfig.preview', async (request) => {
    if (!connectivity.kubeconfig) throw new AppError('kubeconfig.unavailable', 'Fetching cluster credentials is not available in this build.');
    await manager.recheckTunnel(request.tunnelName);
    return connectivity.kubeconfig.preview(request);
  });
  router.handle('kubeconfig.apply', ({ previewId }) => {
    if (!connectivity.kubeconfig) throw new AppError('kubeconfig.unavailable', 'Fetching cluster credentials is not available in this build.');
    return connectivity.kubeconfig.apply(previewId);
  });
  router.handle('kubectl.openTerminal', ({ clusterId, tunnelName, contextName, cols, rows }) => {
    if (!connectivity.kubectlTerminals) throw new AppError('kubeconfig.unavailable', 'Fetching cluster credentials is not available in this build.');
    return connectivity.kubectlTerminals.open({ clusterId, tunnelName, contextName }, { cols, rows });
  });
  router.handle('sshconfig.preview', ({ hostAlias, tunnelName, host, port, username, identityFile, target }) => {
    let endpoint: SshConfigEndpoint;
    if (tunnelName) endpoint = manager.tunnel(tunnelName).sshEndpoint();
    else if (host) endpoint = { hostName: host, port: port ?? 22, hostIds: [openSshHostToken(host, port ?? 22)] };
    else throw new AppError('sshconfig.no_endpoint', 'Choose a tunnel or a host for the entry.');
    return connectivity.sshConfig.preview({ hostAlias, endpoint, username, identityFile, target });
  });
  router.handle('sshconfig.apply', ({ previewId }) => connectivity.sshConfig.apply(previewId));

  const disposers = [
    registerSshReattach(router, manager, ports),
    () => ports.dispose(),
    manager.onDidExit((e) => router.emit('ssh.exit', e)),
    manager.onDidChangeSession((info) => router.emit('ssh.state', info)),
    manager.onDidChangeTunnel((info) => router.emit('tunnels.state', info)),
    prompts.onDidPrompt((prompt) => router.emit('hostkeys.prompt', prompt)),
    prompts.onDidSettle((decisionId, outcome) =>
      router.emit('hostkeys.settled', {
        decisionId,
        outcome: outcome === 'accept-once' || outcome === 'accept-always' ? 'accepted' : outcome === 'refuse' ? 'refused' : outcome,
      }),
    ),
  ];
  return () => {
    for (const dispose of disposers) dispose();
  };
}
