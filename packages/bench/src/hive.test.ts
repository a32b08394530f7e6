import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { isObjectType } from 'graphql';

// `--compare` starts Hive Gateway on the supergraph we compose; its runtime turns the supergraph into
// a stitched schema with this function when it loads it. Since the plans subgraph, three subgraphs'
// @requires fields returned one shared value type and it refused the file ("Multiple canonical
// definitions"), which ended every compare run before its first request.
const SUPERGRAPH = join(__dirname, '../../../apps/gateway/supergraph.graphql');

describe("Hive Gateway's runtime on our supergraph", () => {
  it('builds a schema from the checked-in supergraph, with every public root field of ours', () => {
    const sdl = readFileSync(SUPERGRAPH, 'utf8');
    const schema = getStitchedSchemaFromSupergraphSdl({ supergraphSdl: sdl });
    const query = schema.getQueryType();
    expect(query).toBeDefined();
    for (const field of ['organizations', 'members', 'donations', 'workPlans', 'yearReport', 'inspectionsPage']) {
      expect(Object.keys(query!.getFields())).toContain(field);
    }
    const mutation = schema.getMutationType();
    expect(Object.keys(mutation!.getFields())).toContain('recordDonation');
    // the plans subgraph's figures, which @require every owner's metrics
    expect(isObjectType(schema.getType('MetricValue'))).toBe(true);
    // the owners' figures stay internal: plans reads them through @requires
    expect(schema.getType('FundraisingMetricActual')).toBeUndefined();
  });
});
