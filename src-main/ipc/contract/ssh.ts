import { z } from 'zod';
import { event, invoke, NoRequest } from './define';
import { FileTarget, LocalPath } from './files';

/**
 * Connectivity: SSH sessions to jump boxes, named tunnels (SSH port-forward or Bastion), host-key
 * decisions, SSH keys held in the OS keychain, kubeconfig and VS Code Remote-SSH export.
 * No key, passphrase or token ever travels main → renderer; the renderer sees ids, fingerprints, states.
 */

const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const Port = z.number().int().min(1).max(65535);
const HostName = z.string().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or IP address');
const ArmId = z.string().min(10).max(1024).regex(/^\/subscriptions\/[^\s]+$/i, 'an Azure resource id');
const UserName = z.string().min(1).max(64).regex(/^[A-Za-z0-9._][A-Za-z0-9._@-]*$/, 'a POSIX user name');
const Label = z.string().min(1).max(120);
const TunnelName = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ -');
/** A path written into ssh_config: OpenSSH would expand `${VAR}` in it, so that is refused too. */
const SshConfigPath = LocalPath.refine((p) => !p.includes('${'), 'Path: ${…} would be expanded by OpenSSH');
const Cols = z.number().int().min(2).max(1000);
const ContextName = z.string().min(1).max(120).regex(/^[A-Za-z0-9][A-Za-z0-9._@:-]*$/, 'letters, digits, . _ @ : -');
const Rows = z.number().int().min(1).max(500);

/** How the TCP stream to the SSH server (or the tunnelled service) is carried. */
export const Route = z.discriminatedUnion('kind', [
  /** Straight TCP (VPN / ExpressRoute / peered network). */
  z.strictObject({ kind: z.literal('direct'), host: HostName, port: Port }),
  /** Through an Azure Bastion native-client tunnel to a resource (VM, VMSS instance, managed cluster). */
  z.strictObject({ kind: z.literal('bastion'), bastionId: ArmId, targetResourceId: ArmId, port: Port }),
  /** Through an Azure Bastion IP-connect tunnel to a private IP. */
  z.strictObject({ kind: z.literal('bastion-ip'), bastionId: ArmId, targetIp: HostName, port: Port }),
]);

/** How the SSH client proves who it is; the password travels renderer → main only, never back. */
export const SshAuth = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('key'), keyId: Id }),
  z.strictObject({ method: z.literal('agent') }),
  z.strictObject({ method: z.literal('password'), password: z.string().min(1).max(1024) }),
]);

/** An SSH server to reach (a jump box). */
export const SshTarget = z.strictObject({
  route: Route,
  username: UserName,
  auth: SshAuth,
  /** The VM's ARM id when known, so a host key pre-seeded from Azure can verify first contact. */
  vmResourceId: ArmId.optional(),
});

/** Lifecycle of one SSH session (shell) or the SSH leg of a tunnel. */
export const SessionState = z.enum([
  'connecting',
  'awaiting-host-key',
  'authenticating',
  'open',
  'reconnecting',
  'ended',
  'failed',
]);

/** A coded, operator-readable problem. */
export const Problem = z.object({ code: z.string(), message: z.string() });

/** Both fingerprints of a host key that differs from the stored one (the refusal explains itself). */
export const HostKeyMismatch = z.object({
  hostId: z.string(),
  keyType: z.string(),
  presented: z.string(),
  expected: z.array(z.string()),
});

/** What the renderer may know about a session. */
export const SessionInfo = z.object({
  sessionId: Id,
  label: z.string(),
  /** How the shell is reached; `local` is a kubectl terminal on this workstation. */
  route: z.enum(['direct', 'bastion', 'bastion-ip', 'local']),
  host: z.string(),
  port: Port,
  username: z.string(),
  state: SessionState,
  problem: Problem.optional(),
  hostKeyMismatch: HostKeyMismatch.optional(),
  hostKeyFingerprint: z.string().optional(),
  cols: z.number().int(),
  rows: z.number().int(),
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  openedAt: z.string(),
  reconnects: z.number().int(),
  /** The session signs in with a password, which main does not keep: reconnecting asks for it again. */
  reconnectNeedsPassword: z.boolean().optional(),
  /**
   * Main's count of this session's changes (every `ssh.state` event raises it; a list or an answer
   * carries the current one), so the window never lets an older read replace a newer event.
   */
  revision: z.number().int().nonnegative().optional(),
});

/** Lifecycle of a named tunnel. */
export const TunnelState = z.enum(['starting', 'awaiting-host-key', 'ready', 'reconnecting', 'down', 'closed']);

/** Where a tunnel's listener forwards to. */
export const TunnelVia = z.discriminatedUnion('kind', [
  /** SSH local port-forward through a jump box to host:port as seen from the jump box. */
  z.strictObject({ kind: z.literal('ssh'), target: SshTarget, remoteHost: HostName, remotePort: Port }),
  /** An Azure Bastion tunnel straight to a resource's port (e.g. the managed cluster on 443). */
  z.strictObject({ kind: z.literal('bastion'), bastionId: ArmId, targetResourceId: ArmId, port: Port }),
  z.strictObject({ kind: z.literal('bastion-ip'), bastionId: ArmId, targetIp: HostName, port: Port }),
]);

/** What the renderer may know about a tunnel. */
export const TunnelInfo = z.object({
  name: z.string(),
  kind: z.enum(['ssh', 'bastion', 'bastion-ip']),
  localPort: Port,
  remote: z.string(),
  state: TunnelState,
  problem: Problem.optional(),
  hostKeyMismatch: HostKeyMismatch.optional(),
  activeConnections: z.number().int(),
  totalConnections: z.number().int(),
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  reconnects: z.number().int(),
  lastHealthyAt: z.string().optional(),
});

/** A host-key question the operator must answer before any credential is sent. */
export const HostKeyPrompt = z.object({
  decisionId: Id,
  hostId: z.string(),
  host: z.string(),
  port: Port,
  keyType: z.string(),
  fingerprint: z.string(),
  /** Who is waiting: a session id or a tunnel name. */
  requester: z.string(),
  expiresAt: z.string(),
});

/** The operator's answer to a HostKeyPrompt. */
export const HostKeyDecision = z.strictObject({
  decisionId: Id,
  decision: z.enum(['accept-once', 'accept-always', 'refuse']),
});

/** A trusted host key as stored (public data only). */
export const HostKeyEntry = z.object({
  hostId: z.string(),
  keyType: z.string(),
  fingerprint: z.string(),
  /** server-rotation: announced by the server (hostkeys-00@openssh.com) and proven over a verified session. */
  source: z.enum(['operator', 'azure', 'known_hosts', 'server-rotation']),
  addedAt: z.string(),
});

/** An SSH private key held in the OS keychain, described by public facts only. */
export const SshKeyInfo = z.object({
  keyId: Id,
  name: z.string(),
  keyType: z.string(),
  fingerprint: z.string(),
  comment: z.string(),
  encrypted: z.boolean(),
  addedAt: z.string(),
});

/** A file change shown to the operator before it happens. */
export const FileChangePreview = z.object({
  previewId: Id,
  path: z.string(),
  exists: z.boolean(),
  /** Unified diff with credential values masked. */
  diff: z.string(),
  /** Where the current file will be copied before it is replaced (when it exists). */
  backupPath: z.string().optional(),
  expiresAt: z.string(),
});

/**
 * Which credential a written kubeconfig context uses: the console's credential helper (Entra
 * clusters), ARM's kubelogin entry (policy `kubectl.credentialProvider: kubelogin`), the cluster's
 * local accounts, or ARM's entry as returned (the cluster's authentication could not be read).
 */
export const ContextCredential = z.enum(['console-helper', 'kubelogin', 'local-accounts', 'as-returned']);

/** A kubeconfig change, with the credential its context will use. */
export const KubeconfigPreview = FileChangePreview.extend({ credential: ContextCredential });

/** The outcome of applying a previewed file change. */
export const FileChangeResult = z.object({ path: z.string(), backupPath: z.string().optional() });

/** A session's recent output, replayed to a reloaded renderer before its data port opens (never acknowledged). */
export const SshReplay = z.object({ sessionId: Id, data: z.string() });

/** The remote shell ended (exit status or signal), or the connection did. */
export const SshExit = z.object({
  sessionId: Id,
  exitCode: z.number().int().optional(),
  signal: z.string().optional(),
});

/** Invokes of the connectivity area. */
export const sshInvokes = {
  'ssh.open': invoke(z.strictObject({ target: SshTarget, label: Label.optional(), cols: Cols, rows: Rows }), SessionInfo),
  'ssh.write': invoke(z.strictObject({ sessionId: Id, data: z.string().min(1).max(256 * 1024) }), z.object({ accepted: z.boolean() }), {
    maxBytes: 1024 * 1024,
  }),
  'ssh.resize': invoke(z.strictObject({ sessionId: Id, cols: Cols, rows: Rows }), z.object({ resized: z.boolean() })),
  'ssh.ack': invoke(z.strictObject({ sessionId: Id, bytes: z.number().int().min(1).max(1 << 30) }), z.object({ ok: z.boolean() })),
  'ssh.reconnect': invoke(z.strictObject({ sessionId: Id, password: z.string().min(1).max(1024).optional() }), SessionInfo),
  'ssh.close': invoke(z.strictObject({ sessionId: Id }), z.object({ closed: z.boolean() })),
  'ssh.list': invoke(NoRequest, z.array(SessionInfo)),
  /** A fresh page takes over every open session: each one's recent output follows as `ssh.replay`. */
  'ssh.reattach': invoke(NoRequest, z.object({ sessionIds: z.array(Id) })),
  /** The session the operator is looking at (null: none); the others share a small output window. */
  'ssh.focus': invoke(z.strictObject({ sessionId: Id.nullable() }), z.object({ ok: z.boolean() })),
  /** Opens the session's data port (output, keystrokes, acknowledgements; see session-port.ts) to the window that opened the session; the port arrives with `nonce`. */
  'ssh.port': invoke(z.strictObject({ sessionId: Id, nonce: z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/) }), z.object({ opened: z.boolean() })),

  /** `localPort` is unprivileged only; absent keeps the port this name had before, or picks a free one. */
  'tunnels.open': invoke(z.strictObject({ name: TunnelName, via: TunnelVia, localPort: z.number().int().min(1024).max(65535).optional() }), TunnelInfo),
  'tunnels.close': invoke(z.strictObject({ name: TunnelName }), z.object({ closed: z.boolean() })),
  'tunnels.list': invoke(NoRequest, z.array(TunnelInfo)),

  'sessions.closeAll': invoke(NoRequest, z.object({ sessions: z.number().int(), tunnels: z.number().int() })),

  'hostkeys.decide': invoke(HostKeyDecision, z.object({ accepted: z.boolean() })),
  /** Questions still waiting, so a reloaded window can show them again instead of letting them expire. */
  'hostkeys.pending': invoke(NoRequest, z.array(HostKeyPrompt)),
  'hostkeys.list': invoke(NoRequest, z.array(HostKeyEntry)),
  'hostkeys.remove': invoke(z.strictObject({ hostId: z.string().min(1).max(1200), fingerprint: z.string().min(1).max(200) }), z.object({ removed: z.boolean() })),
  /**
   * Imports ~/.ssh/known_hosts (`default`) or a file the operator picks in main's dialog. Wildcard,
   * negated and marker (`@revoked`, `@cert-authority`) lines are refused, listing them, until the
   * same import is sent again with `confirmWildcards`.
   */
  'hostkeys.importKnownHosts': invoke(
    z.strictObject({ target: FileTarget.optional(), confirmWildcards: z.literal(true).optional() }),
    z.object({ imported: z.number().int(), skipped: z.number().int() }),
  ),
  'hostkeys.seedFromAzure': invoke(
    z.strictObject({ vmResourceId: ArmId, hosts: z.array(z.strictObject({ host: HostName, port: Port })).max(8).default([]) }),
    z.array(HostKeyEntry),
  ),

  'sshkeys.import': invoke(
    z.strictObject({ name: Label, privateKey: z.string().min(32).max(64 * 1024), passphrase: z.string().max(1024).optional() }),
    SshKeyInfo,
    { maxBytes: 80 * 1024 },
  ),
  'sshkeys.list': invoke(NoRequest, z.array(SshKeyInfo)),
  'sshkeys.remove': invoke(z.strictObject({ keyId: Id }), z.object({ removed: z.boolean() })),

  'kubeconfig.preview': invoke(
    z.strictObject({
      clusterId: ArmId,
      tunnelName: TunnelName,
      contextName: ContextName,
      /** The file to write: the default kubeconfig (absent too), or one picked in main's dialog. */
      target: FileTarget.optional(),
    }),
    KubeconfigPreview,
  ),
  'kubeconfig.apply': invoke(z.strictObject({ previewId: Id }), FileChangeResult),
  /** A kubectl terminal: a local shell with KUBECONFIG set to a file of its own for this context (removed with the tab). */
  'kubectl.openTerminal': invoke(
    z.strictObject({ clusterId: ArmId, tunnelName: TunnelName, contextName: ContextName, cols: Cols, rows: Rows }),
    SessionInfo,
  ),

  'sshconfig.preview': invoke(
    z.strictObject({
      hostAlias: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
      /** For a Bastion route: the tunnel (to the VM's port 22) that the entry points at. */
      tunnelName: TunnelName.optional(),
      /** For a direct route. */
      host: HostName.optional(),
      port: Port.optional(),
      username: UserName,
      identityFile: SshConfigPath.optional(),
      /** The ssh_config file to write: ~/.ssh/config (absent too), or one picked in main's dialog. */
      target: FileTarget.optional(),
    }),
    FileChangePreview,
  ),
  'sshconfig.apply': invoke(z.strictObject({ previewId: Id }), FileChangeResult),
} as const;

/** Events of the connectivity area. */
export const sshEvents = {
  'ssh.replay': event(SshReplay),
  'ssh.exit': event(SshExit),
  'ssh.state': event(SessionInfo),
  'tunnels.state': event(TunnelInfo),
  'hostkeys.prompt': event(HostKeyPrompt),
  /** A prompt was answered or expired elsewhere; the dialog should close. */
  'hostkeys.settled': event(z.object({ decisionId: Id, outcome: z.enum(['accepted', 'refused', 'expired', 'cancelled']) })),
} as const;
