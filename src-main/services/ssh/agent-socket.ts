/**
 * Where the operator's SSH agent listens: SSH_AUTH_SOCK when set (OpenSSH agent, or any agent that
 * exports it); on Windows without it, the Windows OpenSSH agent's named pipe, which ssh2 speaks to
 * directly ('pageant' is the other Windows choice, used when the operator runs PuTTY's agent).
 */
export function defaultAgentSocket(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const fromEnv = env.SSH_AUTH_SOCK?.trim();
  if (fromEnv) return fromEnv;
  if (platform === 'win32') return env.AKS_CONSOLE_SSH_AGENT === 'pageant' ? 'pageant' : '\\\\.\\pipe\\openssh-ssh-agent';
  return undefined;
}
