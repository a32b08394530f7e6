import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { admitMember, createArea, createOrganization, graphOk, recordStatistics } from '@khg/testing';

// The year report's page in a real browser: headless Chromium opens the signed link without a
// header, the page asks for nothing else, every chart is drawn with its Vietnamese labels, and a
// screenshot and an A4 PDF are kept in test/artifacts/ (git-ignored) for a person to look at.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts');
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(
    `SKIPPED: the headless-browser test of the year report needs Chromium at ${CHROMIUM}; install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
  );
}

describe('the year report page in headless Chromium', () => {
  let browser: Browser | null = null;
  let url: string;
  const districts = ['Huyện Văn Lâm', 'Huyện Yên Mỹ', 'Thành phố Hưng Yên'];

  beforeAll(async () => {
    if (!available) return;
    const p = await createArea({ level: 'PROVINCE', name: 'Tỉnh Hưng Yên' });
    const org = await createOrganization({ areaId: p.id, name: 'Hội Khuyến học tỉnh Hưng Yên' });
    for (const [i, name] of districts.entries()) {
      const d = await createArea({ level: 'DISTRICT', parentId: p.id, name });
      const o = await createOrganization({ areaId: d.id, parentId: org.id, name: `Hội Khuyến học ${name}` });
      await recordStatistics(d.id, 2018, 100_000 + i * 20_000);
      for (let m = 0; m <= i; m++) await admitMember(o.id, undefined, { joinedOn: '2018-03-01' });
      await graphOk(`mutation($a: ID!, $n: Int!) { setEligibleCount(year: 2018, kind: FAMILY, areaId: $a, count: $n) { eligible } }`, { a: d.id, n: 100 + i });
    }
    await graphOk(`mutation($i: AdoptWorkPlanInput!) { adoptWorkPlan(input: $i) { id } }`, {
      i: {
        organizationId: org.id,
        year: 2018,
        title: 'Kế hoạch công tác năm 2018',
        tasks: [
          {
            number: 2,
            title: 'Xây dựng xã hội học tập',
            indicators: [
              { metric: 'FAMILY_RATE', target: 0.4 },
              { metric: 'UNIT_RATE', target: 0.4 },
            ],
          },
          {
            number: 3,
            title: 'Quỹ khuyến học bình quân 50.000 đồng/người',
            indicators: [{ metric: 'FUND_PER_CAPITA', target: 50_000 }, { metric: 'MEMBERS' }],
          },
        ],
      },
    });
    url = (await graphOk(`query($o: ID!) { export(kind: YEAR_REPORT, format: HTML, organizationId: $o, year: 2018) { url } }`, { o: org.id })).export.url;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--font-render-hinting=none'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  (available ? it : it.skip)(
    'renders every chart with its Vietnamese labels, asks for nothing else, and prints on A4',
    async () => {
      const page = await browser!.newPage();
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      await page.setViewport({ width: 900, height: 1200 });
      const res = await page.goto(url, { waitUntil: 'load' });
      expect(res?.status()).toBe(200);
      expect(requested).toEqual([url]); // self-contained: no font, script, style or image fetched

      const charts = await page.$$eval('figure[data-chart]', (figs) =>
        figs.map((f) => {
          const svg = f.querySelector('svg')!;
          const box = svg.getBoundingClientRect();
          const texts = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', width: (t as SVGTextElement).getComputedTextLength() }));
          return {
            chart: f.getAttribute('data-chart'),
            target: f.getAttribute('data-target'),
            width: box.width,
            height: box.height,
            texts,
            rules: svg.querySelectorAll('.mark-rule.role-mark line').length,
          };
        }),
      );
      expect(charts.map((c) => c.chart)).toEqual(expect.arrayContaining(['FAMILY_RATE', 'UNIT_RATE', 'FUND_PER_CAPITA', 'MEMBERSHIP_GROWTH']));
      for (const c of charts) expect(c.width * c.height).toBeGreaterThan(10_000);
      for (const rate of ['FAMILY_RATE', 'UNIT_RATE']) {
        const c = charts.find((x) => x.chart === rate)!;
        expect(c.target).toBe('0.4');
        expect(c.rules).toBe(1);
        // each district's name is laid out by the browser as text, diacritics and all
        for (const d of districts) expect(c.texts.find((t) => t.text === d)?.width ?? 0).toBeGreaterThan(20);
      }
      // Diacritics really drawn, not missing-glyph boxes nor bare letters: each accented letter of the
      // names, drawn in the font the chart's labels resolve to, carries more ink than its base letter
      // (the marks) and differs from what the font draws for a character no font has.
      const glyphs = await page.$$eval(
        'figure[data-chart] svg text',
        (texts, names) => {
          const label = texts.find((t) => names.includes(t.textContent ?? ''))!;
          const style = getComputedStyle(label);
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = 96;
          const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
          const ink = (ch: string) => {
            ctx.clearRect(0, 0, 96, 96);
            ctx.font = `${style.fontStyle} ${style.fontWeight} 64px ${style.fontFamily}`;
            ctx.textBaseline = 'middle';
            ctx.fillText(ch, 16, 48);
            const alpha = ctx.getImageData(0, 0, 96, 96).data.filter((_, i) => i % 4 === 3);
            return { pixels: alpha.filter((a) => a > 127).length, bitmap: Array.from(alpha, (a) => (a > 127 ? 1 : 0)).join('') };
          };
          const missing = ink('\u{10FFFD}');
          const accented = [...new Set(names.join('').split(''))].filter((ch) => ch.normalize('NFD').length > 1);
          return {
            font: style.fontFamily,
            letters: accented.map((ch) => {
              const own = ink(ch);
              const base = ink(ch.normalize('NFD')[0]);
              return { ch, moreInkThanBase: own.pixels > base.pixels, differsFromMissing: own.bitmap !== missing.bitmap };
            }),
          };
        },
        districts,
      );
      expect(glyphs.letters.map((l) => l.ch).sort()).toEqual(['à', 'â', 'ă', 'ê', 'ư', 'ệ', 'ố', 'ỹ'].sort());
      expect(glyphs.letters.filter((l) => !l.moreInkThanBase || !l.differsFromMissing)).toEqual([]);

      const heading = await page.$eval('h1', (h) => h.textContent);
      expect(heading).toBe('Báo cáo tổng kết năm 2018 — Hội Khuyến học tỉnh Hưng Yên');

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'year-report.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(ARTIFACTS, 'year-report.pdf'), pdf);
      expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(existsSync(join(ARTIFACTS, 'year-report.png'))).toBe(true);
    },
    60_000,
  );
});
