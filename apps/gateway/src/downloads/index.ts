import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@khg/platform';
import type { GatewayConfig } from '../config';
import type { GatewayContext } from '../context';
import type { Route } from '../routes';
import type { RendererRegistry } from './renderers';
import { downloadRoute } from './route';
import { buildDownloadsSchema } from './schema';
import { DownloadSigner } from './signing';
import { yearReportHtml } from './year-report/html';
import { yearReportXlsx } from './year-report/xlsx';
import { personalDataXlsx } from './personal-data/xlsx';
import { tableRenderer } from './tables/renderer';
import { AREA_STATISTICS, DONATIONS, LEARNING_MODEL_ENTRIES, MEMBERS, type TableSpec } from './tables/tables';

const table = <R>(spec: TableSpec<R>) => ({ XLSX: tableRenderer(spec, 'XLSX'), CSV: tableRenderer(spec, 'CSV') });

/** What can be downloaded, by kind and format. */
export const RENDERERS: RendererRegistry = {
  YEAR_REPORT: { XLSX: yearReportXlsx, HTML: yearReportHtml },
  MEMBERS: table(MEMBERS),
  DONATIONS: table(DONATIONS),
  LEARNING_MODEL_ENTRIES: table(LEARNING_MODEL_ENTRIES),
  AREA_STATISTICS: table(AREA_STATISTICS),
  PERSONAL_DATA: { XLSX: personalDataXlsx },
};

export const DOWNLOADS_SERVICE = 'downloads';

const signerOf = (config: GatewayConfig) =>
  new DownloadSigner({ downloadSecret: config.DOWNLOAD_SECRET, internalSecret: config.INTERNAL_SECRET }, config.DOWNLOAD_TTL_S);

/** Where links point: PUBLIC_URL, else this gateway's own address. */
const baseUrlOf = (config: GatewayConfig) => () =>
  (config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`).replace(/\/+$/, '');

/** The in-process subgraph that serves Query.export (composed into the supergraph as `downloads`). */
export const downloadsSchema = (config: GatewayConfig) => buildDownloadsSchema(signerOf(config), RENDERERS, baseUrlOf(config));

/** The one route that serves the links. */
export const downloadsRoute = (config: GatewayConfig, apollo: ApolloServer<GatewayContext>, log: Logger): Route =>
  downloadRoute({ apollo, signer: signerOf(config), registry: RENDERERS, internalSecret: config.INTERNAL_SECRET, subgraphUrls: config.subgraphUrls, log });

export { DOWNLOADS_SDL } from './schema';
