import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** The caller's address: the TCP peer, or what trusted proxies say it is. */
export type AddressOf = (req: IncomingMessage) => string;

/** TRUSTED_PROXIES entries: addresses, CIDRs, or proxy-addr's names (loopback, linklocal, uniquelocal). */
export const trustedProxyList = (spec: string): string[] =>
  spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Whether TRUSTED_PROXIES can be read; the message names what is wrong. */
export function trustedProxiesProblem(spec: string): string | null {
  try {
    proxyAddr.compile(trustedProxyList(spec));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * X-Forwarded-For is believed only hop by hop from the right, and only while the hop that added
 * an entry is a trusted proxy; with none trusted (the default) it is ignored, since any caller can
 * send one and would otherwise pick its own rate-limit bucket.
 */
export function clientAddress(spec: string): AddressOf {
  const trust = proxyAddr.compile(trustedProxyList(spec));
  return (req) => proxyAddr(req, trust);
}
