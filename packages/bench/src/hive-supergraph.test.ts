import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';

// `npm run bench -- --compare` serves our supergraph with Hive Gateway, which turns it into a
// stitched schema with graphql-tools' federation: stricter than Apollo's gateway on some shapes
// (a value type returned by @requires fields of several subgraphs is refused as "multiple canonical
// definitions"). The checked-in supergraph must load there, or the comparison cannot run.

const SUPERGRAPH = join(__dirname, '..', '..', '..', 'apps', 'gateway', 'supergraph.graphql');

describe('the supergraph in Hive Gateway’s federation', () => {
  it('loads, with the plans’ figures and the public fields every subgraph contributes', () => {
    const schema = getStitchedSchemaFromSupergraphSdl({ supergraphSdl: readFileSync(SUPERGRAPH, 'utf8') });
    const query = schema.getQueryType()!.getFields();
    for (const field of ['yearReport', 'workPlan', 'areas', 'funds', 'learningModelEntries', 'inspections'])
      expect({ field, served: field in query }).toEqual({ field, served: true });
    // the owners' figures stay internal: plans reads them through @requires
    expect(schema.getType('FundraisingMetricActual')).toBeUndefined();
  });
});
