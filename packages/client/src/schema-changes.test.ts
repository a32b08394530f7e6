import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { breakingChanges, recordedSection, schemaChangeRefusal, unrecorded } from './schema-changes';

const HEAD = '# API schema changes\n\n## The workflow\n\nName each coordinate in backticks, e.g. `Member.phone`.\n\n';

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
    expect(
      unrecorded(changes, `${HEAD}## Recorded breaking changes\n\n### 2026-10\n- \`Member.phone\` removed: read it from \`Member.contact\` instead.\n`),
    ).toEqual([]);
    // A mention without the coordinate in backticks is not a record.
    expect(unrecorded(changes, `${HEAD}## Recorded breaking changes\n\nphone was removed\n`)).toHaveLength(1);
  });

  it('counts only entries of the "Recorded breaking changes" section, outside code fences', async () => {
    const after = `
type Query { members(search: String, first: Int): [Member!]! member(id: ID!): Member }
type Member { id: ID! fullName: String! joinedOn: String }
`;
    const changes = await breakingChanges(before, after);
    // The workflow text names a coordinate, and the section's example sits in a fence: neither records the break.
    const example = `${HEAD}## Recorded breaking changes\n\nNone yet. An entry looks like:\n\n\`\`\`markdown\n### 2026-11-02 — \`Member.phone\` removed\n\`\`\`\n`;
    expect(unrecorded(changes, example)).toHaveLength(1);
    expect(unrecorded(changes, example.replace(/```/g, '~~~~'))).toHaveLength(1);
    // A later section does not count either.
    expect(unrecorded(changes, `${example}\n## Notes\n\nOnce we may remove \`Member.phone\`.\n`)).toHaveLength(1);
    // An entry after the example fence closes does.
    expect(unrecorded(changes, `${example}\n### 2026-12-01 — \`Member.phone\` removed\n`)).toEqual([]);
  });

  it('reads the real docs/schema-changes.md: its example entry records nothing', async () => {
    const changelog = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'schema-changes.md'), 'utf8');
    expect(changelog).toContain('`Member.phone`');
    expect(recordedSection(changelog)).not.toContain('`Member.phone`');
    expect(unrecorded([{ path: 'Member.phone', message: 'Field was removed' }], changelog)).toHaveLength(1);
  });

  it('fails the build on the committed schema with a real field removed, and passes it unchanged or extended', async () => {
    const committed = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');
    const changelog = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'schema-changes.md'), 'utf8');
    const withoutPhone = committed.replace(/\n {2}phone: String\n( {2}status: MemberStatus!)/, '\n$1');
    expect(withoutPhone).not.toBe(committed);
    expect(await schemaChangeRefusal(committed, withoutPhone, changelog)).toContain('`Member.phone`');
    expect(await schemaChangeRefusal(committed, committed, changelog)).toBeNull();
    expect(await schemaChangeRefusal(committed, `${committed}\ntype Extra { id: ID! }\n`, changelog)).toBeNull();
    // once recorded in its section, the same break passes
    expect(await schemaChangeRefusal(committed, withoutPhone, `${changelog}\n### 2026-12-03 — \`Member.phone\` removed\n`)).toBeNull();
  });
});
