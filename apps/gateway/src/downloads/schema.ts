import gql from 'graphql-tag';
import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isPlausibleYear, typeOfId } from '@khg/domain';
import { DateTimeScalar, badInput, unauthenticated, type Caller } from '@khg/platform';
import { EXPORT_FORMATS, EXPORT_KINDS, rendererFor, type RendererRegistry } from './renderers';
import type { DownloadSigner, ExportArgs } from './signing';

/** The path downloads are served under: `/downloads/<signed token>/<file name>`. */
export const DOWNLOADS_PATH = '/downloads/';

/**
 * Query.export is served by a small subgraph inside the gateway (a LocalGraphQLDataSource, like the
 * webhooks one): the link it returns is signed with a key only the gateway holds, and the gateway's
 * own route (route.ts) serves it. Enums and types as the contract's section `exchange` names them.
 */
export const DOWNLOADS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [])

scalar DateTime

"""What to export (xuất dữ liệu)."""
enum ExportKind { ${EXPORT_KINDS.join(' ')} }

"""The file format of an export."""
enum ExportFormat { ${EXPORT_FORMATS.join(' ')} }

"""A signed link a browser opens without a header; it renders with the rights of the caller who asked for it."""
type Download {
  url: String!
  expiresAt: DateTime!
}

type Query {
  """
  A download link (about 10 minutes). YEAR_REPORT (organizationId, year) as XLSX (a summary sheet and a sheet per task)
  or HTML (a printable page with charts). As XLSX or CSV (UTF-8 with BOM): MEMBERS (organizationId: its whole subtree),
  DONATIONS (fundId: a fund, or a campaign id for one campaign), LEARNING_MODEL_ENTRIES (year, areaId optional),
  AREA_STATISTICS (year). PERSONAL_DATA (memberId) as XLSX: what personalData holds about that member, a sheet per part;
  ADMIN, or the member themself (another caller's link is refused when opened).
  """
  export(kind: ExportKind!, format: ExportFormat = XLSX, organizationId: ID, areaId: ID, fundId: ID, year: Int, memberId: ID): Download!
}
`;

interface ExportInput extends ExportArgs {
  kind: string;
  format: string;
}

/** A file name a browser saves the download under (the renderer's own name is used when it serves). */
const fileNameOf = (kind: string, format: string, args: ExportArgs) =>
  `${kind.toLowerCase().replace(/_/g, '-')}${args.year != null ? `-${args.year}` : ''}.${format.toLowerCase()}`;

export function buildDownloadsSchema(signer: DownloadSigner, registry: RendererRegistry, baseUrl: () => string): GraphQLSchema {
  const resolvers = {
    DateTime: DateTimeScalar,
    Query: {
      export: (_: unknown, input: ExportInput, ctx: { caller?: Caller }) => {
        if (!ctx.caller) throw unauthenticated();
        const { kind, format } = input;
        const renderer = rendererFor(registry, kind, format);
        if (!renderer) {
          const formats = EXPORT_FORMATS.filter((f) => rendererFor(registry, kind, f));
          throw badInput(`${kind} exports as ${formats.join(' or ')}, not ${format}`, { argument: 'format' });
        }
        const args: ExportArgs = {
          organizationId: input.organizationId ?? null,
          areaId: input.areaId ?? null,
          fundId: input.fundId ?? null,
          year: input.year ?? null,
          ...(input.memberId ? { memberId: input.memberId } : {}),
        };
        if (args.year != null && !isPlausibleYear(args.year)) throw badInput('year must be between 1990 and 2100', { argument: 'year' });
        if (kind === 'YEAR_REPORT') {
          if (!args.organizationId || typeOfId(args.organizationId) !== 'Organization')
            throw badInput('A YEAR_REPORT export needs organizationId, an Organization id (org_…)', { argument: 'organizationId' });
          if (args.year == null) throw badInput('A YEAR_REPORT export needs year, between 1990 and 2100', { argument: 'year' });
        }
        const problem = renderer.check?.(args);
        if (problem) throw badInput(problem);
        const { token, expiresAt } = signer.sign({ kind, format, args, caller: ctx.caller });
        return { url: `${baseUrl()}${DOWNLOADS_PATH}${token}/${fileNameOf(kind, format, args)}`, expiresAt };
      },
    },
  };
  return buildSubgraphSchema({ typeDefs: gql(DOWNLOADS_SDL), resolvers: resolvers as never });
}
