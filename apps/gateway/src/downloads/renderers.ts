import type { Writable } from 'node:stream';
import type { Caller } from '@khg/platform';
import type { ExportArgs } from './signing';
import type { CallerStreams } from './subgraph-streams';

/** The contract's enums (section `exchange`), then PERSONAL_DATA (section `privacy`); only ever extended, never renamed. */
export const EXPORT_KINDS = ['MEMBERS', 'DONATIONS', 'LEARNING_MODEL_ENTRIES', 'AREA_STATISTICS', 'YEAR_REPORT', 'PERSONAL_DATA'] as const;
export const EXPORT_FORMATS = ['XLSX', 'CSV', 'HTML'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Runs a query through the gateway's own graph as the caller of the link; throws DownloadRequestError on an error. */
export type CallerGraph = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** A refusal while preparing a download, answered as JSON with this code (FORBIDDEN → 403, NOT_FOUND → 404, else 400). */
export class DownloadRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A download ready to be written: everything that can fail has been read already. */
export interface PreparedDownload {
  contentType: string;
  /** the file name a browser saves it under */
  fileName: string;
  /** `inline` to show it (a page), `attachment` to save it */
  disposition: 'inline' | 'attachment';
  write(out: Writable): Promise<void>;
}

export interface Renderer {
  /** a problem with the arguments, refused by Query.export before a link is signed (BAD_USER_INPUT) */
  check?(args: ExportArgs): string | null;
  /** `streams` reads a subgraph's long lists (NDJSON) as the same caller */
  prepare(args: ExportArgs, graph: CallerGraph, caller: Caller, streams: CallerStreams): Promise<PreparedDownload>;
}

/** Renderers by kind and format; Query.export refuses a pair that has none with BAD_USER_INPUT. */
export type RendererRegistry = Partial<Record<ExportKind, Partial<Record<ExportFormat, Renderer>>>>;

export function rendererFor(registry: RendererRegistry, kind: string, format: string): Renderer | undefined {
  return registry[kind as ExportKind]?.[format as ExportFormat];
}
