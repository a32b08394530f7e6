import type { IncomingMessage } from 'node:http';
import { clientAddress, trustedProxiesProblem } from './client-address';

const req = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  }) as unknown as IncomingMessage;

describe('the client address behind proxies', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('')(req('198.51.100.7', '203.0.113.1'))).toBe('198.51.100.7');
  });

  it('is the forwarded address when a trusted proxy sent it, and stops at the first untrusted hop', () => {
    const of = clientAddress('10.0.0.0/8, 127.0.0.1');
    expect(of(req('10.1.2.3', '203.0.113.1'))).toBe('203.0.113.1');
    // a client that forged an entry before the real one: the proxy appended what it saw, the forgery is further left
    expect(of(req('10.1.2.3', '192.0.2.66, 203.0.113.1'))).toBe('203.0.113.1');
    expect(of(req('127.0.0.1', '198.51.100.9, 10.4.4.4'))).toBe('198.51.100.9');
    expect(of(req('198.51.100.7', '203.0.113.1'))).toBe('198.51.100.7');
  });

  it('says what is wrong with a bad TRUSTED_PROXIES entry', () => {
    expect(trustedProxiesProblem('10.0.0.0/8,loopback')).toBeNull();
    expect(trustedProxiesProblem('10.0.0.0/99')).toMatch(/10\.0\.0\.0\/99/);
  });
});
