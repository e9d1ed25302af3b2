import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from './csp';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** A response for one renderer asset. */
export interface StaticResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * Serves a file of the built renderer for a URL path, the same way for `app://` in Electron and
 * for the test harness. Refuses paths that leave `root` (also through symlinks) and unknown types.
 */
export async function serveRendererAsset(root: string, urlPath: string): Promise<StaticResponse> {
  const headers = { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/, 1)[0] ?? '/');
  } catch {
    return { status: 400, headers, body: Buffer.from('bad path') };
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const rootReal = await realpath(root);
  const candidate = path.resolve(rootReal, relative);
  const type = MIME[path.extname(candidate).toLowerCase()];
  if (!candidate.startsWith(rootReal + path.sep) || decoded.includes('\0') || !type) {
    return { status: 404, headers, body: Buffer.from('not found') };
  }
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(rootReal + path.sep)) return { status: 404, headers, body: Buffer.from('not found') };
    return { status: 200, headers: { ...headers, 'Content-Type': type }, body: await readFile(real) };
  } catch {
    return { status: 404, headers, body: Buffer.from('not found') };
  }
}
