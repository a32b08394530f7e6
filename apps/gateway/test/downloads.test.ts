import ExcelJS from 'exceljs';
import { Role } from '@khg/domain';
import { admitMember, codes, createArea, createOrganization, graph, graphOk, recordStatistics, testState, tokenFor, unique } from '@khg/testing';
import { DownloadSigner } from '../src/downloads/signing';

// Query.export(kind: YEAR_REPORT) and its signed link: the workbook and the page hold the figures
// the graph reports, the link opens without a header, and only as signed and in time.

const EXPORT = `query($k: ExportKind!, $f: ExportFormat, $o: ID, $y: Int) { export(kind: $k, format: $f, organizationId: $o, year: $y) { url expiresAt } }`;
const REPORT = `query($o: ID!) { yearReport(organizationId: $o, year: 2018) { values { metric value target met } byArea { area { id name } values { metric value target met } } } }`;
type Value = { metric: string; value: number | null; target: number | null; met: boolean | null };

interface Setup {
  provinceOrg: string;
  districts: { id: string; name: string }[];
}

async function province(): Promise<Setup> {
  const p = await createArea({ level: 'PROVINCE', name: 'Tỉnh Hưng Yên' });
  const provinceOrg = await createOrganization({ areaId: p.id, name: 'Hội Khuyến học tỉnh Hưng Yên' });
  await recordStatistics(p.id, 2018, 300_000);
  const districts = [];
  for (const [i, name] of ['Huyện Văn Lâm', 'Thị xã Mỹ Hào'].entries()) {
    const d = await createArea({ level: 'DISTRICT', parentId: p.id, name });
    const org = await createOrganization({ areaId: d.id, parentId: provinceOrg.id, name: `Hội Khuyến học ${name}` });
    await recordStatistics(d.id, 2018, 100_000 * (i + 1));
    for (let m = 0; m <= i; m++) await admitMember(org.id, undefined, { joinedOn: '2017-04-01' });
    for (let m = 0; m < 2; m++) await admitMember(org.id, undefined, { joinedOn: '2018-04-01' });
    const { openFund } = await graphOk(`mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ khuyến học") { id } }`, { o: org.id });
    await graphOk(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }`, {
      i: {
        fundId: openFund.id,
        donorName: 'Nhà hảo tâm',
        amount: 6_000_000_000 * (i + 1) - i * 1_000_000_000 * 5,
        receivedOn: '2018-06-01',
        method: 'CASH',
        idempotencyKey: unique('k-'),
      },
    });
    await graphOk(`mutation($a: ID!) { setEligibleCount(year: 2018, kind: FAMILY, areaId: $a, count: 100) { eligible } }`, { a: d.id });
    districts.push({ id: d.id, name });
  }
  await graphOk(`mutation($i: AdoptWorkPlanInput!) { adoptWorkPlan(input: $i) { id } }`, {
    i: {
      organizationId: provinceOrg.id,
      year: 2018,
      title: 'Kế hoạch công tác năm 2018',
      tasks: [
        {
          number: 2,
          title: 'Xây dựng xã hội học tập',
          indicators: [
            { metric: 'FAMILY_RATE', target: 0.4 },
            { metric: 'CLAN_RATE', target: 0.35 },
          ],
        },
        {
          number: 3,
          title: 'Phát triển hội viên, Quỹ khuyến học bình quân 50.000 đồng/người',
          indicators: [{ metric: 'MEMBERS' }, { metric: 'FUND_PER_CAPITA', target: 50_000 }, { metric: 'MEMBERSHIP_SHARE' }],
        },
      ],
    },
  });
  return { provinceOrg: provinceOrg.id, districts };
}

async function link(format: string, organizationId: string, token?: string): Promise<{ url: string; expiresAt: string }> {
  return (await graphOk(EXPORT, { k: 'YEAR_REPORT', f: format, o: organizationId, y: 2018 }, { token })).export;
}
const open = (url: string) => fetch(url); // a browser's GET: no Authorization header

describe('downloads of the year report', () => {
  let s: Setup;
  let report: { values: Value[]; byArea: { area: { id: string; name: string }; values: Value[] }[] };
  const v = (values: Value[], metric: string) => values.find((x) => x.metric === metric)!;

  beforeAll(async () => {
    s = await province();
    report = (await graphOk(REPORT, { o: s.provinceOrg })).yearReport;
  }, 60_000);

  it('gives a signed link of about ten minutes that a browser opens without a header: the workbook with the summary and a sheet per task', async () => {
    const { url, expiresAt } = await link('XLSX', s.provinceOrg);
    const life = Date.parse(expiresAt) - Date.now();
    expect(life).toBeGreaterThan(8 * 60_000);
    expect(life).toBeLessThanOrEqual(10 * 60_000);
    const res = await open(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('bao-cao-nam-2018.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Nhiệm vụ 2', 'Nhiệm vụ 3']);

    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getRow(1).values).toEqual([undefined, 'Nhiệm vụ', 'Nội dung', 'Chỉ tiêu', 'Kế hoạch', 'Thực hiện', 'Đánh giá']);
    const rows = new Map<string, ExcelJS.Row>();
    summary.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(3).value), row);
    });
    const perCapita = rows.get('Quỹ khuyến học bình quân (đồng/người)')!;
    // numbers as numbers: 15,000,000,000 VND over 300,000 people
    expect(perCapita.getCell(4).value).toBe(50_000);
    expect(perCapita.getCell(5).value).toBe(v(report.values, 'FUND_PER_CAPITA').value);
    expect(perCapita.getCell(5).value).toBe(Math.floor((6_000_000_000 + 7_000_000_000) / 300_000));
    expect(perCapita.getCell(6).value).toBe('Chưa đạt');
    const family = rows.get('Tỷ lệ Gia đình học tập')!;
    expect([family.getCell(1).value, family.getCell(4).value, family.getCell(5).value, family.getCell(6).value]).toEqual([2, 0.4, 0, 'Chưa đạt']);
    expect(family.getCell(5).numFmt).toBe('0.0%');
    expect(rows.get('Hội viên cuối năm')!.getCell(5).value).toBe(7);

    const task3 = wb.getWorksheet('Nhiệm vụ 3')!;
    expect(task3.getRow(1).values).toEqual([
      undefined,
      'Địa bàn',
      'Hội viên cuối năm',
      'Đánh giá',
      'Quỹ khuyến học bình quân (đồng/người)',
      'Đánh giá',
      'Tỷ lệ hội viên trên dân số',
      'Đánh giá',
    ]);
    for (const [i, d] of s.districts.entries()) {
      const row = task3.getRow(2 + report.byArea.findIndex((a) => a.area.id === d.id));
      const fig = report.byArea.find((a) => a.area.id === d.id)!.values;
      expect(row.getCell(1).value).toBe(d.name);
      expect(row.getCell(2).value).toBe(3 + i);
      expect(row.getCell(4).value).toBe(v(fig, 'FUND_PER_CAPITA').value);
      expect(row.getCell(5).value).toBe(v(fig, 'FUND_PER_CAPITA').met ? 'Đạt' : 'Chưa đạt');
      expect(row.getCell(6).value).toBeCloseTo((3 + i) / (100_000 * (i + 1)), 12);
      expect(row.getCell(6).numFmt).toBe('0.0%');
    }
    // 60,000 ≥ 50,000 in the first district, 35,000 < 50,000 in the second
    expect(s.districts.map((d) => v(report.byArea.find((a) => a.area.id === d.id)!.values, 'FUND_PER_CAPITA').met)).toEqual([true, false]);
  });

  it('renders the page: an SVG chart per rate with the target drawn, Vietnamese labels as text, nothing external', async () => {
    const res = await open((await link('HTML', s.provinceOrg)).url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    const figures = [...html.matchAll(/<figure data-chart="(\w+)"(?: data-target="([\d.]+)")?>([\s\S]*?)<\/figure>/g)].map((m) => ({
      chart: m[1],
      target: m[2] ?? null,
      body: m[3],
    }));
    const chart = (id: string) => figures.find((f) => f.chart === id)!;
    for (const [rate, target] of [
      ['FAMILY_RATE', '0.4'],
      ['CLAN_RATE', '0.35'],
    ]) {
      expect(chart(rate)).toMatchObject({ target });
      expect(chart(rate).body).toMatch(/^<svg[\s\S]*<\/svg>$/);
      // the target is a rule mark across the bars, labelled
      expect(chart(rate).body).toMatch(/class="mark-rule role-mark[^"]*"[\s\S]*?<line/);
      expect(chart(rate).body).toContain(`Kế hoạch ${Number(target) * 100} %`);
      for (const d of s.districts) expect(chart(rate).body).toContain(`>${d.name}</text>`);
    }
    expect(chart('FUND_PER_CAPITA')).toMatchObject({ target: '50000' });
    expect(chart('MEMBERSHIP_GROWTH').body).toContain('<svg');
    expect(html).toContain('@page { size: A4');
    expect(html).not.toMatch(/<script|<link|@import|url\(|<img|src=/i);
    expect(html).toContain('Toàn Hội Khuyến học tỉnh Hưng Yên');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('refuses a tampered link and an expired one with 403 and a JSON error', async () => {
    const { url } = await link('XLSX', s.provinceOrg);
    const [base, token, file] = /^(.*\/downloads\/)([^/]+)\/(.*)$/.exec(url)!.slice(1);
    const [body, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    // the same signature over claims that now name another caller
    const forged = Buffer.from(JSON.stringify({ ...claims, caller: { sub: 'x', role: 'ADMIN' } })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${body}.${mac.slice(0, -2)}AA`, 'nonsense']) {
      const res = await open(`${base}${bad}/${file}`);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ code: 'LINK_INVALID', error: expect.stringMatching(/altered|malformed/) });
    }
    // signed with the gateway's key (derived from INTERNAL_SECRET, as no DOWNLOAD_SECRET is set here) an hour ago
    const signer = new DownloadSigner({ internalSecret: testState().internalSecret }, 600);
    const old = signer.sign(
      { kind: 'YEAR_REPORT', format: 'XLSX', args: { organizationId: s.provinceOrg, year: 2018 }, caller: claims.caller },
      Date.now() - 3_600_000,
    );
    const res = await open(`${base}${old.token}/${file}`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 'LINK_EXPIRED', error: expect.stringContaining('expired') });
    // and the same, in time, works: the key is the gateway's
    const fresh = signer.sign({ kind: 'YEAR_REPORT', format: 'XLSX', args: { organizationId: s.provinceOrg, year: 2018 }, caller: claims.caller });
    expect((await open(`${base}${fresh.token}/${file}`)).status).toBe(200);
  });

  it('renders with the rights of who asked: the link names the caller; without a token there is no link', async () => {
    const department = await tokenFor({ role: Role.DEPARTMENT, sub: 'so-giao-duc' });
    const { url } = await link('HTML', s.provinceOrg, department);
    const claims = JSON.parse(Buffer.from(/\/downloads\/([^.]+)\./.exec(url)![1], 'base64url').toString('utf8'));
    expect(claims.caller).toMatchObject({ sub: 'so-giao-duc', role: 'DEPARTMENT' });
    const page = await (await open(url)).text();
    // a department reads every figure of the report (none is personal data)
    for (const d of s.districts) expect(page).toContain(`>${d.name}</td>`);
    const anonymous = await graph(EXPORT, { k: 'YEAR_REPORT', f: 'HTML', o: s.provinceOrg, y: 2018 }, { token: null });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    // a link for an organisation that does not exist renders nothing: 404 with the graph's message
    const missing = await link('XLSX', 'org_00000000-0000-7000-8000-000000000000');
    const res = await open(missing.url);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses formats a kind has no renderer for, lists without their arguments, and a report without organisation or year', async () => {
    const html = await graph(EXPORT, { k: 'MEMBERS', f: 'HTML', o: s.provinceOrg });
    expect(html.errors![0].message).toBe('MEMBERS exports as XLSX or CSV, not HTML');
    for (const kind of ['MEMBERS', 'DONATIONS', 'LEARNING_MODEL_ENTRIES', 'AREA_STATISTICS']) {
      const r = await graph(EXPORT, { k: kind, f: 'XLSX' });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toMatch(/export needs/);
    }
    const csv = await graph(EXPORT, { k: 'YEAR_REPORT', f: 'CSV', o: s.provinceOrg, y: 2018 });
    expect(codes(csv)).toEqual(['BAD_USER_INPUT']);
    expect(csv.errors![0].message).toBe('YEAR_REPORT exports as XLSX or HTML, not CSV');
    expect(codes(await graph(EXPORT, { k: 'YEAR_REPORT', f: 'XLSX', y: 2018 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graph(EXPORT, { k: 'YEAR_REPORT', f: 'XLSX', o: s.provinceOrg }))).toEqual(['BAD_USER_INPUT']);
  });
});
