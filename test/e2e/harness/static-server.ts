import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveRendererAsset } from '../../../src-main/security/static-files';

/** A loopback HTTP server that serves the built renderer exactly as `app://` does (same function, same headers). */
export async function startRendererServer(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    void serveRendererAsset(root, req.url ?? '/').then((asset) => {
      res.writeHead(asset.status, asset.headers).end(asset.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
