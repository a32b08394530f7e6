import { buildSchema, parse } from 'graphql';
import { LIMIT_CODE, OperationGuard, costVariables } from './limits';

const schema = buildSchema(`
  type Query { items(first: Int, ids: [ID!]): [Item!]! }
  type Item { id: ID! tags(first: Int): [Tag!]! }
  type Tag { name: String! }
  input RecordInput { name: String! first: Int }
  type Mutation { record(input: RecordInput!): Item! }
`);

const guard = () =>
  new OperationGuard({ maxDepth: 10, maxAliases: 10, maxDirectives: 10, maxTokens: 1000, maxCost: 1000, maxFirst: 100, defaultListSize: 10, maxBatch: 0 });

const codeOf = (f: () => void): unknown => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('the variables an operation limit depends on', () => {
  it('are those of first, ids and directive arguments, not a mutation input', () => {
    const doc = parse(`query($n: Int, $m: Int, $ids: [ID!], $show: Boolean!, $other: String) {
      items(first: $n, ids: $ids) { id tags(first: $m) @include(if: $show) { name } }
    }`);
    expect(costVariables(doc)).toEqual(['ids', 'm', 'n', 'show']);
    expect(costVariables(parse('mutation($input: RecordInput!) { record(input: $input) { id } }'))).toEqual([]);
  });

  it('still refuses a larger first after the same operation passed with a smaller one', () => {
    const g = guard();
    const doc = parse('query($n: Int) { items(first: $n) { id } }');
    expect(codeOf(() => g.check(schema, doc, { n: 5 }))).toBeNull();
    expect(codeOf(() => g.check(schema, doc, { n: 500 }))).toBe(LIMIT_CODE);
  });

  it('counts again when @include turns a costly part on', () => {
    const g = guard();
    const doc = parse('query($show: Boolean!) { items(first: 100) { id tags(first: 100) @include(if: $show) { name } } }');
    expect(codeOf(() => g.check(schema, doc, { show: false }))).toBeNull();
    expect(codeOf(() => g.check(schema, doc, { show: true }))).toBe(LIMIT_CODE);
  });

  it('passes writes that differ only in their input without walking them again', () => {
    const g = guard();
    const doc = parse('mutation($input: RecordInput!) { record(input: $input) { id } }');
    const walks = jest.spyOn(g as unknown as { checkNow: () => void }, 'checkNow');
    for (let i = 0; i < 5; i++) g.check(schema, doc, { input: { name: `n${i}`, first: i } });
    expect(walks).toHaveBeenCalledTimes(1);
  });
});
