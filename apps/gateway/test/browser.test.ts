/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'puppeteer-core';
import { admitMember, asAdmin, createTree, testState } from '@khg/testing';

/**
 * A real browser (Debian's chromium, driven by puppeteer-core): a page from another origin queries
 * and subscribes through the gateway. Without Chromium the suite says it was skipped and how to install it.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available)
  process.stdout.write(`SKIPPED browser tests: no Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH)\n`);

/** The page a frontend team would serve from its own origin: a query over fetch, a subscription over graphql-ws. */
const page = (gateway: string, token: string) => `<!doctype html><meta charset="utf-8"><title>app</title>
<pre id="query">…</pre><pre id="events"></pre>
<script>
const gateway = ${JSON.stringify(gateway)}, token = ${JSON.stringify(token)};
fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
  body: JSON.stringify({ query: '{ areas(level: PROVINCE) { name } }' }) })
  .then((r) => r.json()).then((b) => { document.getElementById('query').textContent = JSON.stringify(b); })
  .catch((e) => { document.getElementById('query').textContent = 'FAILED ' + e; });
const ws = new WebSocket(gateway.replace(/^http/, 'ws'), 'graphql-transport-ws');
ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer ' + token } }));
ws.onmessage = (m) => {
  const msg = JSON.parse(m.data);
  if (msg.type === 'connection_ack') {
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { events(types: [MEMBER_ADMITTED]) { type member { fullName } } }' } }));
    document.title = 'subscribed';
  }
  if (msg.type === 'next') document.getElementById('events').textContent += JSON.stringify(msg.payload.data) + '\\n';
};
</script>`;

(available ? describe : describe.skip)('in Chromium', () => {
  let browser: Browser;
  let site: Server;
  beforeAll(async () => {
    const puppeteer = await import('puppeteer-core');
    browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const token = await asAdmin();
    site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(testState().gatewayUrl, token)));
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => site?.close(r));
  });

  it('lets a page from another origin on 127.0.0.1 query and subscribe through the gateway', async () => {
    const t = await createTree(1, 1);
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    await tab.waitForFunction(() => document.getElementById('query')!.textContent !== '…', { timeout: 20_000 });
    const answer = await tab.$eval('#query', (e) => e.textContent);
    expect(answer).toContain('"areas"');
    expect(answer).not.toContain('"errors"');
    await tab.waitForFunction(() => document.title === 'subscribed', { timeout: 20_000 });
    // The page says "subscribed" when it has sent the subscription, not when the gateway has taken
    // it in: a member admitted in between is not delivered (a live subscription starts where it is
    // registered). So members are admitted until one arrives, and the one shown must be one of them.
    const admitted: string[] = [];
    const arrived = async () => (await tab.$eval('#events', (e) => e.textContent ?? '')).includes('Lê Thị Mai');
    for (let i = 0; i < 10 && !(await arrived()); i++) {
      admitted.push((await admitMember(t.communeOrgs[0].id, `Lê Thị Mai ${i}`)).fullName);
      await tab.waitForFunction(() => document.getElementById('events')!.textContent!.includes('Lê Thị Mai'), { timeout: 2_000 }).catch(() => undefined);
    }
    const shown = await tab.$eval('#events', (e) => e.textContent ?? '');
    expect(admitted.some((name) => shown.includes(name))).toBe(true);
    await tab.close();
  }, 60_000);
});
