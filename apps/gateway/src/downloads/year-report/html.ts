import type { Writable } from 'node:stream';
import { PlanMetric } from '@khg/domain';
import type { PreparedDownload, Renderer } from '../renderers';
import { FONT, barsWithTarget, growth, renderSvg } from './charts';
import { METRIC_LABELS, SHARE_METRICS, loadYearReport, metLabel, valueOf, type YearReportData } from './data';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A figure as Vietnamese readers write it: 40,5 %, 50.000. */
export function formatValue(metric: PlanMetric, v: number | null): string {
  if (v === null) return '—';
  if (METRIC_LABELS[metric].unit === 'share') return `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
  return v.toLocaleString('vi-VN', { maximumFractionDigits: 0 });
}

const CSS = `
@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: ${FONT}; font-size: 11pt; color: #1a1a1a; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 8mm 0 3mm; } h3 { font-size: 11pt; margin: 5mm 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; page-break-inside: auto; }
th, td { border: 1px solid #999; padding: 1.2mm 1.6mm; vertical-align: top; }
th { background: #eef2f6; text-align: left; } td.n { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; } thead { display: table-header-group; }
figure { margin: 3mm 0; page-break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
.met { color: #1e7b34; } .unmet { color: #b03a2e; } .muted { color: #666; }
@media screen { body { padding: 10mm; } }`;

const metCell = (met: boolean | null) => `<td class="${met === null ? '' : met ? 'met' : 'unmet'}">${metLabel(met)}</td>`;

function summaryTable(r: YearReportData): string {
  if (!r.plan) return '<p class="muted">Chưa có kế hoạch công tác năm được thông qua cho năm này.</p>';
  const rows = r.plan.tasks.flatMap((t) =>
    t.indicators.map(
      (i, k) => `<tr>${k === 0 ? `<td rowspan="${t.indicators.length}">${t.number}. ${esc(t.title)}</td>` : ''}
    <td>${esc(METRIC_LABELS[i.metric].label)}</td><td class="n">${formatValue(i.metric, i.target)}</td><td class="n">${formatValue(i.metric, i.actual)}</td>${metCell(i.met)}</tr>`,
    ),
  );
  return `<table><thead><tr><th>Nhiệm vụ</th><th>Chỉ tiêu</th><th>Kế hoạch</th><th>Thực hiện</th><th>Đánh giá</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function taskTables(r: YearReportData): string {
  return (r.plan?.tasks ?? [])
    .map((t) => {
      const areas = t.indicators[0]?.byArea.map((a) => a.area) ?? [];
      const head = t.indicators.map((i) => `<th>${esc(METRIC_LABELS[i.metric].label)}</th>`).join('');
      const rows = areas.map(
        (area) =>
          `<tr><td>${esc(area.name)}</td>${t.indicators
            .map((i) => {
              const v = i.byArea.find((a) => a.area.id === area.id)?.values[0];
              const met = v?.met ?? null;
              return `<td class="n ${met === null ? '' : met ? 'met' : 'unmet'}">${formatValue(i.metric, v?.value ?? null)}</td>`;
            })
            .join('')}</tr>`,
      );
      const total = `<tr><th>Toàn ${esc(r.organization.name)}</th>${t.indicators.map((i) => `<th class="n">${formatValue(i.metric, i.actual)}</th>`).join('')}</tr>`;
      return `<h3>Nhiệm vụ ${t.number}. ${esc(t.title)}</h3><table><thead><tr><th>Địa bàn</th>${head}</tr></thead><tbody>${rows.join('')}${total}</tbody></table>`;
    })
    .join('');
}

/** Every metric for the organisation and each child area (the report's own table). */
function allMetricsTable(r: YearReportData): string {
  const metrics = Object.values(PlanMetric);
  const head = `<tr><th>Chỉ tiêu</th><th>Toàn ${esc(r.organization.name)}</th>${r.byArea.map((a) => `<th>${esc(a.area.name)}</th>`).join('')}</tr>`;
  const rows = metrics.map(
    (m) =>
      `<tr><td>${esc(METRIC_LABELS[m].label)}</td><td class="n">${formatValue(m, valueOf(r.values, m)?.value ?? null)}</td>${r.byArea.map((a) => `<td class="n">${formatValue(m, valueOf(a.values, m)?.value ?? null)}</td>`).join('')}</tr>`,
  );
  return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The charts: every rate by child area against its target, fund per capita, membership growth. */
async function charts(r: YearReportData): Promise<string> {
  const figure = async (id: string, target: number | null, svg: Promise<string>) =>
    `<figure data-chart="${id}"${target === null ? '' : ` data-target="${target}"`}>${await svg}</figure>`;
  const byArea = (m: PlanMetric) => r.byArea.map((a) => ({ area: a.area.name, value: valueOf(a.values, m)?.value ?? null }));
  const out: Promise<string>[] = [];
  for (const m of SHARE_METRICS) {
    const target = valueOf(r.values, m)?.target ?? null;
    // a rate nobody recorded and the plan does not aim at is left out rather than drawn empty
    if (target === null && byArea(m).every((x) => x.value === null)) continue;
    out.push(figure(m, target, renderSvg(barsWithTarget({ title: METRIC_LABELS[m].label, rows: byArea(m), target, percent: true }))));
  }
  const perCapitaTarget = valueOf(r.values, PlanMetric.FUND_PER_CAPITA)?.target ?? null;
  out.push(
    figure(
      PlanMetric.FUND_PER_CAPITA,
      perCapitaTarget,
      renderSvg(
        barsWithTarget({
          title: METRIC_LABELS.FUND_PER_CAPITA.label,
          rows: byArea(PlanMetric.FUND_PER_CAPITA),
          target: perCapitaTarget,
          percent: false,
        }),
      ),
    ),
  );
  const members = (values: YearReportData['byArea'], area: string) =>
    valueOf(values.find((a) => a.area.id === area)?.values ?? [], PlanMetric.MEMBERS)?.value ?? null;
  const rows = r.byArea.flatMap((a) => [
    { area: a.area.name, year: String(r.year - 1), members: members(r.previous.byArea, a.area.id) },
    { area: a.area.name, year: String(r.year), members: members(r.byArea, a.area.id) },
  ]);
  out.push(figure('MEMBERSHIP_GROWTH', null, renderSvg(growth({ title: `Hội viên cuối năm ${r.year - 1} và ${r.year}`, rows }))));
  return (await Promise.all(out)).join('\n');
}

export async function renderYearReportHtml(r: YearReportData): Promise<string> {
  const title = `Báo cáo tổng kết năm ${r.year} — ${r.organization.name}`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="muted">${r.plan ? `Theo ${esc(r.plan.title)}` : 'Không có kế hoạch công tác năm'}. Số liệu theo địa giới hành chính năm ${r.year}, lấy trực tiếp từ hệ thống.</p>
<h2>Kết quả thực hiện kế hoạch</h2>
${summaryTable(r)}
<h2>Biểu đồ theo địa bàn</h2>
${await charts(r)}
<h2>Kết quả theo từng nhiệm vụ</h2>
${taskTables(r)}
<h2>Toàn bộ chỉ tiêu</h2>
${allMetricsTable(r)}
</body></html>
`;
}

export const yearReportHtml: Renderer = {
  async prepare(args, graph): Promise<PreparedDownload> {
    const report = await loadYearReport(args, graph);
    const html = await renderYearReportHtml(report);
    return {
      contentType: 'text/html; charset=utf-8',
      fileName: `bao-cao-nam-${report.year}.html`,
      disposition: 'inline',
      write: (out: Writable) => new Promise<void>((resolve, reject) => out.end(html, () => resolve()).once('error', reject)),
    };
  },
};
