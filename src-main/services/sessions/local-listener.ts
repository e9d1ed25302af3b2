import { createServer, type Server, type Socket } from 'node:net';
import { AppError } from '../errors';
import { describeListenError } from '../net';

/** Listens on 127.0.0.1 only; a taken port is refused (never shared), port 0 picks a free one. */
export function listenLoopback(port: number, onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer({ noDelay: true, pauseOnConnect: true }, onSocket);
    server.once('error', (error: NodeJS.ErrnoException) => {
      const { reason, message } = describeListenError(port, error);
      reject(new AppError(reason === 'taken' ? 'tunnels.port_taken' : reason === 'reserved' ? 'tunnels.port_reserved' : 'tunnels.listen_failed', message, { params: { port: String(port) } }));
    });
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const address = server.address();
      if (!address || typeof address === 'string') {
        server.close();
        reject(new AppError('tunnels.listen_failed', 'The console could not read its listening port.', { params: { port: String(port) } }));
        return;
      }
      resolve({ server, port: address.port });
    });
  });
}

/** Closes a server and every socket it accepted. */
export async function closeListener(server: Server | undefined, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  if (!server?.listening) return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
