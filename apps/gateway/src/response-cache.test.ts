import { createHash } from 'node:crypto';
import { Role } from '@khg/domain';
import { ResponseCache } from './response-cache';

// The cache's rules on their own (the HTTP behaviour is in test/response-cache.test.ts).
const admin = { sub: 'a', role: Role.ADMIN };
const request = (variables: Record<string, unknown> = {}) => ({ query: '{ funds { id } }', variables });

describe('response cache rules', () => {
  let cache: ResponseCache;
  beforeEach(() => {
    cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
  });

  it('serves what was stored for the same operation, variables and caller scope only', () => {
    const t = cache.ticket(request({ y: 1 }), admin)!;
    expect(cache.set(t, '{"data":1}', new Set(['fundraising']))).toBe(true);
    expect(cache.get(cache.ticket(request({ y: 1 }), { sub: 'other-admin', role: Role.ADMIN })!.key)).toBe('{"data":1}');
    expect(cache.get(cache.ticket(request({ y: 2 }), admin)!.key)).toBeUndefined();
    expect(cache.get(cache.ticket(request({ y: 1 }), { sub: 'a', role: Role.ANALYST })!.key)).toBeUndefined();
    expect(cache.get(cache.ticket(request({ y: 1 }), { sub: 'o', role: Role.OFFICER, orgId: 'org_1' })!.key)).toBeUndefined();
  });

  it('keys an APQ hash and the text it stands for alike', () => {
    const t = cache.ticket(request(), admin)!;
    cache.set(t, 'x', new Set(['fundraising']));
    const sha = createHash('sha256').update(request().query).digest('hex');
    expect(cache.ticket({ extensions: { persistedQuery: { sha256Hash: sha } }, variables: {} }, admin)!.key).toBe(t.key);
  });

  it('drops an answer when a service it read changes, and keeps the others', () => {
    const funds = cache.ticket(request({ q: 'funds' }), admin)!;
    const centres = cache.ticket(request({ q: 'centres' }), admin)!;
    cache.set(funds, 'funds', new Set(['fundraising']));
    cache.set(centres, 'centres', new Set(['learning-models']));
    cache.invalidate(['fundraising']);
    expect(cache.get(funds.key)).toBeUndefined();
    expect(cache.get(centres.key)).toBe('centres');
  });

  it('treats membership as read by every answer (every subgraph asks it where organisations sit)', () => {
    const t = cache.ticket(request(), admin)!;
    cache.set(t, 'x', new Set(['inspections']));
    cache.invalidate(['membership']);
    expect(cache.get(t.key)).toBeUndefined();
  });

  it('does not store an answer computed while a service it read changed', () => {
    const t = cache.ticket(request(), admin)!; // the request starts
    cache.invalidate(['fundraising']); // a write commits meanwhile
    expect(cache.set(t, 'maybe stale', new Set(['fundraising']))).toBe(false);
    expect(cache.get(t.key)).toBeUndefined();
    expect(cache.stats.staleOnArrival).toBe(1);
    const later = cache.ticket(request(), admin)!;
    expect(cache.set(later, 'fresh', new Set(['fundraising']))).toBe(true);
    expect(cache.get(later.key)).toBe('fresh');
  });

  it('never stores answers of the webhook subgraph (they depend on the caller’s own subject)', () => {
    const t = cache.ticket(request(), admin)!;
    expect(cache.set(t, 'x', new Set(['events']))).toBe(false);
  });

  it('forgets answers after the TTL even when no event came', () => {
    let now = 1_000;
    const short = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 30, now: () => now });
    const t = short.ticket(request(), admin)!;
    short.set(t, 'x', new Set(['fundraising']));
    expect(short.get(t.key)).toBe('x');
    now += 29;
    expect(short.get(t.key)).toBe('x');
    now += 2;
    expect(short.get(t.key)).toBeUndefined();
  });
});
