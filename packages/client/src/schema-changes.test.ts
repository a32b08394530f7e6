import { breakingChanges, unrecorded } from './schema-changes';

const before = `
type Query { members(search: String, first: Int): [Member!]! member(id: ID!): Member }
type Member { id: ID! fullName: String! phone: String joinedOn: String }
`;

describe('the breaking-change rule', () => {
  it('finds a removed field, a changed type and an argument made required', async () => {
    const after = `
type Query { members(search: String!, first: Int): [Member!]! member(id: ID!): Member }
type Member { id: ID! fullName: String! joinedOn: Int }
`;
    const paths = (await breakingChanges(before, after)).map((c) => c.path).sort();
    expect(paths).toEqual(['Member.joinedOn', 'Member.phone', 'Query.members.search']);
  });

  it('lets additions through: a new field, a new optional argument, a new type', async () => {
    const after = `
type Query { members(search: String, first: Int, status: String): [Member!]! member(id: ID!): Member card(id: ID!): Card }
type Member { id: ID! fullName: String! phone: String joinedOn: String email: String }
type Card { id: ID! }
`;
    expect(await breakingChanges(before, after)).toEqual([]);
  });

  it('fails only the changes docs/schema-changes.md does not name', async () => {
    const after = `
type Query { members(search: String, first: Int): [Member!]! member(id: ID!): Member }
type Member { id: ID! fullName: String! joinedOn: String }
`;
    const changes = await breakingChanges(before, after);
    expect(unrecorded(changes, '# Schema changes\n')).toHaveLength(1);
    expect(unrecorded(changes, '## 2026-10\n- `Member.phone` removed: read it from `Member.contact` instead.\n')).toEqual([]);
    // A mention without the coordinate in backticks is not a record.
    expect(unrecorded(changes, 'phone was removed')).toHaveLength(1);
  });
});
