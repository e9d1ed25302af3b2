/** Serves the built renderer on `app://console/…` (never `file://`). Reviewed Electron glue. */
import { protocol } from 'electron';
import { serveRendererAsset } from '../security/static-files';

/** Must run before `app.ready`: `app:` is standard and secure, with no fetch/CORS privileges. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
  ]);
}

/** Answers `app://console/<path>` from the renderer folder; any other host is a 404. */
export function handleAppScheme(rendererRoot: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'console' || request.method !== 'GET') return new Response('not found', { status: 404 });
    const asset = await serveRendererAsset(rendererRoot, url.pathname);
    return new Response(new Uint8Array(asset.body), { status: asset.status, headers: asset.headers });
  });
}
