import { describe, expect, it } from 'vitest';
import { closeProblem, handshakeError, networkError, tokenRequestError } from '../../../../../src-main/services/bastion/bastion-errors';

describe('Bastion error mapping', () => {
  it('surfaces the status and the service message, without anything token-shaped', () => {
    const error = tokenRequestError(403, JSON.stringify({ message: 'denied for aztoken=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc' }), 'bas');
    expect(error.code).toBe('bastion.forbidden');
    expect(error.message).toContain('HTTP 403');
    expect(error.message).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('gives "HTTP 401" for a non-JSON body and spots "Tunneling is disabled" whatever the status', () => {
    expect(tokenRequestError(401, 'Unauthorized', 'bas')).toMatchObject({ code: 'bastion.unauthorized', message: expect.stringContaining('HTTP 401') });
    expect(tokenRequestError(400, '{"message":"Tunneling is disabled"}', 'bas').code).toBe('bastion.tunneling_disabled');
    expect(tokenRequestError(502, '<html>bad gateway</html>', 'bas').code).toBe('bastion.service_error');
    expect(tokenRequestError(404, '{}', 'bas').code).toBe('bastion.not_found');
  });

  it('maps handshake and network failures', () => {
    expect(handshakeError(401, 'bas').code).toBe('bastion.handshake_refused');
    expect(handshakeError(500, 'bas').code).toBe('bastion.handshake_failed');
    expect(networkError(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'bas', 'request').code).toBe('bastion.tls_untrusted');
    expect(networkError(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }), 'bas', 'tunnel').code).toBe('bastion.unreachable');
    expect(networkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'bas', 'tunnel').code).toBe('bastion.unreachable');
  });

  it('treats 1000 as a normal end and every abnormal close code as a named loss', () => {
    expect(closeProblem(1000, 'bas')).toBeUndefined();
    expect(closeProblem(1006, 'bas')?.code).toBe('bastion.dropped');
    expect(closeProblem(1001, 'bas')?.code).toBe('bastion.going_away');
    expect(closeProblem(1011, 'bas')?.code).toBe('bastion.server_error');
    expect(closeProblem(1013, 'bas')?.code).toBe('bastion.try_later');
    expect(closeProblem(4000, 'bas')?.code).toBe('bastion.closed_unexpectedly');
  });
});
