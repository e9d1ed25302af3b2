/** The session process: SSH clients, sockets and channels in a process of their own, behind main's proxies. */
export { forkSessionProcess, type ForkOptions, type SessionProcessHandle, type SessionProcessLauncher } from './launcher';
export { SessionProcess, sessionProcessClients, sessionProcessLost } from './session-process';
