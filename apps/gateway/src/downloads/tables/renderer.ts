import type { Renderer } from '../renderers';
import { csvTable, xlsxTable, type TableWriter } from './table-writer';
import type { TableSpec } from './tables';

const CONTENT_TYPE = {
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CSV: 'text/csv; charset=utf-8',
} as const;

/**
 * A list exported as .xlsx or .csv. The first page is read in `prepare`, so a refusal (the caller may
 * not read it) is answered as JSON before any byte of the file; the rest streams page by page.
 */
export function tableRenderer<R>(spec: TableSpec<R>, format: 'XLSX' | 'CSV'): Renderer {
  return {
    check: (args) => spec.check(args),
    async prepare(args, graph, caller, streams) {
      const problem = spec.check(args);
      if (problem) throw new Error(problem); // signed links were checked at Query.export
      const pages = spec.pages(args, graph, caller, streams);
      const first = await pages.next();
      return {
        contentType: CONTENT_TYPE[format],
        fileName: `${spec.fileName(args)}.${format.toLowerCase()}`,
        disposition: 'attachment',
        async write(out) {
          const writer: TableWriter<R> = format === 'XLSX' ? await xlsxTable(out, spec.sheet, spec.columns) : csvTable(out, spec.columns);
          try {
            if (!first.done) await writer.write(first.value);
            for await (const rows of { [Symbol.asyncIterator]: () => pages }) await writer.write(rows);
          } finally {
            await pages.return(undefined);
          }
          await writer.end();
        },
      };
    },
  };
}
