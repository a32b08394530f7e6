import { admitMember, createArea, createOrganization, graphOk, unique } from '@khg/testing';

describe('node(id)', () => {
  it('finds entities of any subgraph by global id, with their owners filling in the fields', async () => {
    const area = await createArea({ level: 'PROVINCE' });
    const org = await createOrganization({ areaId: area.id });
    const member = await admitMember(org.id, 'Hoàng Thị Mai');
    const fund = await graphOk(`mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }`, { o: org.id, n: unique('Quỹ ') });
    const d = await graphOk(
      `query($a: ID!, $m: ID!, $f: ID!) {
      a: node(id: $a) { id __typename ... on Area { code } }
      m: node(id: $m) { id __typename ... on Member { fullName organization { id } } }
      f: node(id: $f) { id __typename ... on Fund { balance organization { id } } }
      none: node(id: "nonsense") { id }
    }`,
      { a: area.id, m: member.id, f: fund.openFund.id },
    );
    expect(d.a).toEqual({ id: area.id, __typename: 'Area', code: area.code });
    expect(d.m).toEqual({ id: member.id, __typename: 'Member', fullName: 'Hoàng Thị Mai', organization: { id: org.id } });
    expect(d.f).toEqual({ id: fund.openFund.id, __typename: 'Fund', balance: 0, organization: { id: org.id } });
    expect(d.none).toBeNull();
  });
});
