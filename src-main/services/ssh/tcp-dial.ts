import { connect as tcpConnect, type Socket } from 'node:net';
import { AppError } from '../errors';

/** Opens a TCP connection to a jump box, with an operator-readable AppError for every way it can fail. */
export function dialJumpBox(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = tcpConnect({ host, port, noDelay: true, keepAlive: true, keepAliveInitialDelay: 30_000 });
    const timer = setTimeout(() => fail(new AppError('ssh.unreachable', `No answer from ${host}:${port} within ${Math.round(timeoutMs / 1000)} s.`, { params: { target: `${host}:${port}` } })), timeoutMs);
    const onAbort = (): void => fail(new AppError('ssh.cancelled', 'The connection was cancelled.'));
    signal?.addEventListener('abort', onAbort, { once: true });
    function cleanup(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('connect');
    }
    function fail(error: Error): void {
      cleanup();
      socket.destroy();
      reject(error);
    }
    socket.once('connect', () => {
      cleanup();
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ECONNREFUSED'
          ? 'nothing is listening there (connection refused)'
          : error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH'
            ? 'there is no route to it'
            : error.code === 'ENOTFOUND'
              ? 'the name does not resolve'
              : error.message;
      fail(new AppError('ssh.unreachable', `Cannot reach the jump box at ${host}:${port}: ${reason}.`, { cause: error, params: { target: `${host}:${port}` } }));
    });
  });
}
