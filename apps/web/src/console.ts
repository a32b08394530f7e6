// The reference console: how a frontend uses the graph through @khg/client. One typed operation per
// panel; the token is pasted once and kept in sessionStorage (gone when the tab closes).
import { createGraphClient, LiveEventsDocument, MemberSearchDocument, ProvinceDashboardDocument, type ProvinceDashboardQuery } from '@khg/client';

const TOKEN_KEY = 'khg.token';
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v * 1000) / 10}%`);
const vnd = (v: number | null | undefined) => (v == null ? '—' : `${v.toLocaleString('vi-VN')} đ`);
const KINDS = { FAMILY: 'Gia đình', CLAN: 'Dòng họ', COMMUNITY: 'Cộng đồng', UNIT: 'Đơn vị', CITIZEN: 'Công dân' } as const;
const COLORS = { FAMILY: '#0b5394', CLAN: '#e69138', COMMUNITY: '#6aa84f', UNIT: '#a64d79', CITIZEN: '#45818e' } as const;
const EVENT_NAMES: Record<string, string> = { MEMBER_ADMITTED: 'Kết nạp hội viên', DONATION_RECORDED: 'Ghi nhận ủng hộ' };

const client = createGraphClient({ url: new URL('/graphql', location.origin).href, token: () => sessionStorage.getItem(TOKEN_KEY) ?? '' });
const fail = (el: HTMLElement, e: unknown) => {
  el.className = 'status error';
  el.textContent = `Lỗi: ${(e as Error).message ?? e}`;
};

type District = NonNullable<ProvinceDashboardQuery['area']>['children'][number];

/** Grouped bars, one group per district, one bar per learning-model kind; the target is a dark tick over its bar. */
function rateChart(districts: readonly District[]): string {
  const kinds = Object.keys(KINDS) as (keyof typeof KINDS)[];
  const bar = 12,
    group = kinds.length * bar + 16,
    height = 180,
    top = 10,
    left = 34,
    width = left + districts.length * group + 10;
  const y = (v: number) => top + height - Math.min(1, Math.max(0, v)) * height;
  const parts: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1])
    parts.push(`<line x1="${left}" x2="${width}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e6ea"/><text x="0" y="${y(t) + 4}">${t * 100}%</text>`);
  districts.forEach((d, i) => {
    const x0 = left + i * group + 8;
    kinds.forEach((k, j) => {
      const m = d.learningModels.find((r) => r.kind === k);
      if (!m) return;
      const x = x0 + j * bar;
      parts.push(
        `<rect class="rate" x="${x}" y="${y(m.rate)}" width="${bar - 2}" height="${top + height - y(m.rate)}" fill="${COLORS[k]}"><title>${esc(d.name)} — ${KINDS[k]}: ${pct(m.rate)} (chỉ tiêu ${pct(m.target)})</title></rect>`,
      );
      if (m.target != null)
        parts.push(`<line class="target" x1="${x - 1}" x2="${x + bar - 1}" y1="${y(m.target)}" y2="${y(m.target)}" stroke="#000" stroke-width="2"/>`);
    });
    parts.push(`<text x="${x0}" y="${top + height + 14}">${esc(d.name.length > 12 ? `${d.name.slice(0, 11)}…` : d.name)}</text>`);
  });
  const legend = kinds.map((k) => `<span style="color:${COLORS[k]}">■</span> ${KINDS[k]}`).join(' &nbsp; ') + ' &nbsp; <b>—</b> chỉ tiêu';
  return `<svg role="img" aria-label="Tỷ lệ mô hình học tập theo huyện" width="${width}" height="${top + height + 22}">${parts.join('')}</svg><p>${legend}</p>`;
}

async function loadDashboard(): Promise<void> {
  const status = $('dashboard-status');
  const year = Number($<HTMLInputElement>('year').value);
  status.className = 'status';
  status.textContent = 'Đang tải…';
  try {
    // Read on 31 December: the tree of that year (districts later merged still show).
    const data = await client.query(ProvinceDashboardDocument, { code: $<HTMLInputElement>('code').value.trim(), on: `${year}-12-31`, year });
    if (!data.area) return void (status.textContent = 'Không có tỉnh với mã này vào năm đó.');
    const districts = data.area.children;
    $('chart').innerHTML = rateChart(districts);
    const mark = (met: boolean | null | undefined) => (met == null ? '' : met ? '<span class="met">✓</span>' : '<span class="missed">✗</span>');
    $('fund').innerHTML =
      '<tr><th>Đơn vị</th><th>Dân số</th><th>Vận động</th><th>Bình quân/người</th><th>Chỉ tiêu</th><th></th></tr>' +
      [{ ...data.area, population: null }, ...districts]
        .map(
          (d) =>
            `<tr><td>${esc(d.name)}</td><td>${d.population?.toLocaleString('vi-VN') ?? ''}</td><td>${vnd(d.fundraising.raised)}</td><td>${vnd(d.fundraising.perCapita)}</td><td>${vnd(d.fundraising.perCapitaTarget)}</td><td>${mark(d.fundraising.targetMet)}</td></tr>`,
        )
        .join('');
    // The province's association and the districts' (communes' would make a long table).
    const associations = data.organizations.filter((o) => o.area.level === 'PROVINCE' || o.area.level === 'DISTRICT');
    $('membership').innerHTML =
      '<tr><th>Hội</th><th>Hội viên</th><th>Sinh hoạt</th><th>Cấp thẻ</th><th>Thu hội phí</th></tr>' +
      associations
        .map(
          (o) =>
            `<tr><td>${esc(o.name)}</td><td>${o.membershipStats.members}</td><td>${o.membershipStats.activeMembers}</td><td>${pct(o.membershipStats.cardIssuanceRate)}</td><td>${pct(o.membershipStats.feeCollectionRate)}</td></tr>`,
        )
        .join('');
    status.textContent = `${data.area.name}, năm ${year}: ${districts.length} huyện.`;
  } catch (e) {
    fail(status, e);
  }
}

async function search(): Promise<void> {
  const status = $('search-status');
  status.className = 'status';
  try {
    const { members } = await client.query(MemberSearchDocument, { search: $<HTMLInputElement>('search-text').value });
    // past 1,000 matches the count is the database's estimate: say so ("khoảng", about)
    status.textContent = `${members.totalCountIsEstimate ? 'khoảng ' : ''}${members.totalCount} hội viên`;
    $('search-results').innerHTML = members.edges
      .map(
        ({ node: m }) =>
          `<li><b>${esc(m.fullName)}</b> — ${esc(m.organization.name)}, ${esc(m.organization.area.name)}${m.card ? ` · thẻ ${esc(m.card.number)}` : ''}</li>`,
      )
      .join('');
  } catch (e) {
    fail(status, e);
  }
}

function followEvents(): void {
  const status = $('events-status');
  status.textContent = 'Đang theo dõi: mỗi thay đổi hiện ra khi xảy ra.';
  client.subscribe(
    LiveEventsDocument,
    {},
    {
      next: ({ events: e }) => {
        const what = e.member
          ? `${e.member.fullName} (${e.member.organization.name})`
          : e.donation
            ? `${vnd(e.donation.amount)}${e.donation.donorName ? ` — ${e.donation.donorName}` : ''}`
            : e.subjectId;
        const li = document.createElement('li');
        li.innerHTML = `<time>${new Date(e.occurredAt).toLocaleTimeString('vi-VN')}</time> ${esc(EVENT_NAMES[e.type] ?? e.type)}: ${esc(what)}`;
        $('events').prepend(li);
      },
      error: (e) => fail(status, e instanceof Error ? e : new Error('mất kết nối')),
    },
  );
}

function start(): void {
  const signedIn = Boolean(sessionStorage.getItem(TOKEN_KEY));
  $('sign-in').hidden = signedIn;
  $('app').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  if (!signedIn) return;
  void loadDashboard();
  followEvents();
}

$('sign-in').addEventListener('submit', (ev) => {
  ev.preventDefault();
  sessionStorage.setItem(
    TOKEN_KEY,
    $<HTMLInputElement>('token')
      .value.trim()
      .replace(/^Bearer\s+/i, ''),
  );
  start();
});
$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  location.reload();
});
$('dashboard-form').addEventListener('submit', (ev) => (ev.preventDefault(), void loadDashboard()));
$('search-form').addEventListener('submit', (ev) => (ev.preventDefault(), void search()));
start();
