/**
 * Why a loopback port cannot be used, in words an operator can act on. Windows refuses ports in its
 * excluded ranges (Hyper-V, WSL, Docker reserve them) with EACCES, not EADDRINUSE.
 */
export function describeListenError(port: number, error: NodeJS.ErrnoException): { reason: 'taken' | 'reserved' | 'failed'; message: string } {
  if (error.code === 'EADDRINUSE') return { reason: 'taken', message: `Local port ${port} is already in use by another program; choose another port.` };
  if (error.code === 'EACCES') {
    return {
      reason: 'reserved',
      message: `Local port ${port} is reserved by Windows (an excluded port range: see \`netsh interface ipv4 show excludedportrange protocol=tcp\`) or needs privileges; choose another port, or 0 for any free port.`,
    };
  }
  return { reason: 'failed', message: `The console could not listen on 127.0.0.1:${port} (${error.code ?? error.message}).` };
}
