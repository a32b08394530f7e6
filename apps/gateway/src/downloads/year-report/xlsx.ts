import type { Writable } from 'node:stream';
import type { PlanMetric } from '@khg/domain';
import type { PreparedDownload, Renderer } from '../renderers';
import { METRIC_LABELS, loadYearReport, metLabel, type YearReportData } from './data';

/** Number formats by unit: shares as percentages, VND with thousands separators, counts whole. */
const NUM_FMT = { share: '0.0%', vnd: '#,##0', count: '#,##0' } as const;
const fmt = (metric: PlanMetric) => NUM_FMT[METRIC_LABELS[metric].unit];

/** An Excel sheet name: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetName = (text: string) => text.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
export const SUMMARY_SHEET = 'Tổng hợp';
export const taskSheetName = (n: number) => `Nhiệm vụ ${n}`;

/**
 * The year report as a workbook: a summary sheet task by task (target, actual, met), then a sheet
 * per task with the child areas as rows. Cells are typed: figures are numbers (shares formatted as
 * percentages), never text. Written with exceljs's streaming writer straight to the response.
 */
async function writeWorkbook(r: YearReportData, out: Writable): Promise<void> {
  // loaded on the first download, not when the gateway starts (it takes a second to load)
  const { stream } = await import('exceljs');
  const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Khuyến học Graph';
  const title = `Báo cáo năm ${r.year} — ${r.organization.name}`;

  const summary = wb.addWorksheet(sheetName(SUMMARY_SHEET));
  summary.columns = [
    { header: 'Nhiệm vụ', key: 'task', width: 10 },
    { header: 'Nội dung', key: 'title', width: 60 },
    { header: 'Chỉ tiêu', key: 'metric', width: 40 },
    { header: 'Kế hoạch', key: 'target', width: 16 },
    { header: 'Thực hiện', key: 'actual', width: 16 },
    { header: 'Đánh giá', key: 'met', width: 12 },
  ];
  summary.getRow(1).font = { bold: true };
  if (!r.plan) {
    summary.addRow({ title: `${title}: chưa có kế hoạch công tác năm được thông qua` }).commit();
  }
  for (const task of r.plan?.tasks ?? []) {
    for (const ind of task.indicators) {
      const row = summary.addRow({
        task: task.number,
        title: task.title,
        metric: METRIC_LABELS[ind.metric].label,
        target: ind.target,
        actual: ind.actual,
        met: metLabel(ind.met),
      });
      row.getCell('target').numFmt = fmt(ind.metric);
      row.getCell('actual').numFmt = fmt(ind.metric);
      row.commit();
    }
  }
  summary.commit();

  for (const task of r.plan?.tasks ?? []) {
    const sheet = wb.addWorksheet(sheetName(taskSheetName(task.number)));
    sheet.columns = [
      { header: 'Địa bàn', key: 'area', width: 28 },
      ...task.indicators.flatMap((ind) => [
        { header: METRIC_LABELS[ind.metric].label, key: ind.metric, width: 22 },
        { header: 'Đánh giá', key: `${ind.metric}:met`, width: 12 },
      ]),
    ];
    sheet.getRow(1).font = { bold: true };
    const areas = task.indicators[0]?.byArea.map((a) => a.area) ?? [];
    for (const area of areas) {
      const values: Record<string, unknown> = { area: area.name };
      for (const ind of task.indicators) {
        const v = ind.byArea.find((a) => a.area.id === area.id)?.values[0];
        values[ind.metric] = v?.value ?? null;
        values[`${ind.metric}:met`] = metLabel(v?.met ?? null);
      }
      const row = sheet.addRow(values);
      for (const ind of task.indicators) row.getCell(ind.metric).numFmt = fmt(ind.metric);
      row.commit();
    }
    // the organisation's own area last, as the total line of a report
    const total: Record<string, unknown> = { area: `Toàn ${r.organization.name}` };
    for (const ind of task.indicators) {
      total[ind.metric] = ind.actual;
      total[`${ind.metric}:met`] = metLabel(ind.met);
    }
    const row = sheet.addRow(total);
    row.font = { bold: true };
    for (const ind of task.indicators) row.getCell(ind.metric).numFmt = fmt(ind.metric);
    row.commit();
    sheet.commit();
  }
  await wb.commit();
}

export const yearReportXlsx: Renderer = {
  async prepare(args, graph): Promise<PreparedDownload> {
    const report = await loadYearReport(args, graph);
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `bao-cao-nam-${report.year}.xlsx`,
      disposition: 'attachment',
      write: (out) => writeWorkbook(report, out),
    };
  },
};
