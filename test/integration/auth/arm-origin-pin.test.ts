import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startAuthFixture, type AuthFixture } from './auth-fixture';

let f: AuthFixture | undefined;
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await f?.close();
  f = undefined;
});

/** A loopback HTTPS server on another origin that records the Authorization header of everything it gets. */
async function startForeign(fixture: AuthFixture): Promise<{ origin: string; authorizations: Array<string | undefined> }> {
  const authorizations: Array<string | undefined> = [];
  const server = https.createServer({ cert: fixture.tls.certPem, key: fixture.tls.keyPem }, (req, res) => {
    authorizations.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, authorizations };
}

describe('the composed core never sends an ARM-audience token to a non-ARM origin (issue 13 item 5)', () => {
  it('the tenant directory behind auth.tenants refuses a nextLink to another origin', async () => {
    f = await startAuthFixture();
    const foreign = await startForeign(f);
    await f.core.auth.signIn('interactive');
    f.entra.faults.armNextLink = `${foreign.origin}/tenants?api-version=2022-12-01&page=2`;
    await f.core.auth.tenants().catch(() => undefined);
    f.entra.faults.armNextLink = `${foreign.origin}/subscriptions?api-version=2022-12-01&page=2`;
    await f.core.azure.arm.listSubscriptions().catch(() => undefined);
    await f.core.azure.arm.listTenants().catch(() => undefined);
    expect(foreign.authorizations).toEqual([]);
    // The lists did run against ARM (the stand-in's own origin) with the token.
    expect(f.entra.requests.filter((r) => r.path === '/tenants' || r.path === '/subscriptions').length).toBeGreaterThanOrEqual(3);
  });
});
