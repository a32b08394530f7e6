import { createTree, graphOk, subscribe, unique } from '@khg/testing';

/** One mutation in each subgraph; the event's entity fields span subgraphs. */
describe('events from every subgraph', () => {
  it('delivers donation, award, learning-model and inspection events with cross-subgraph fields', async () => {
    const t = await createTree(1, 1);
    const sub = await subscribe<{ events: Record<string, any> }>(
      `subscription($a: ID!) {
      events(areaId: $a, types: [DONATION_RECORDED, AWARD_GRANTED, LEARNING_MODEL_REGISTERED, INSPECTION_CHANGED]) {
        type subjectId
        donation { amount donorName fund { organization { name area { code } } } }
        award { amount recipientName area { name } }
        learningModelEntry { kind name area { code parent { code } } }
        inspection { title status lead { name } subjects { name } }
      }
    }`,
      { a: t.province.id },
    );
    const fund = (await graphOk(`mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }`, { o: t.provinceOrg.id, n: unique('Quỹ ') }))
      .openFund;
    await graphOk(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }`, {
      i: {
        fundId: fund.id,
        donorName: 'Công ty Hưng Thịnh',
        amount: 5_000_000,
        receivedOn: '2018-05-01',
        method: 'BANK_TRANSFER',
        idempotencyKey: unique('k'),
      },
    });
    await graphOk(`mutation($i: GrantAwardInput!) { grantAward(input: $i) { id } }`, {
      i: {
        fundId: fund.id,
        category: 'POOR_STUDENT_EXCELLENCE',
        recipientName: 'Nguyễn Thị Thu',
        areaId: t.communes[0].id,
        amount: 1_000_000,
        awardedOn: '2018-09-05',
      },
    });
    await graphOk(`mutation($i: RegisterLearningModelInput!) { registerLearningModel(input: $i) { id } }`, {
      i: { kind: 'FAMILY', name: 'Gia đình ông Phạm Văn Long', areaId: t.villages[0].id, year: 2018 },
    });
    const doc = (
      await graphOk(`mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id } }`, {
        i: { code: unique('CT-'), title: 'Chỉ thị thử', kind: 'DIRECTIVE', issuer: 'Tỉnh uỷ', issuedOn: '2011-07-27' },
      })
    ).registerPolicyDocument;
    await graphOk(`mutation($i: PlanInspectionInput!) { planInspection(input: $i) { id } }`, {
      i: {
        title: 'Kiểm tra Chỉ thị 11',
        documentIds: [doc.id],
        leadId: t.provinceOrg.id,
        partners: ['Sở Giáo dục và Đào tạo'],
        subjectIds: [t.districtOrgs[0].id],
        startsOn: '2018-10-01',
      },
    });
    const got = await sub.waitFor(4);
    const byType = Object.fromEntries(got.map((g) => [g.events.type, g.events]));
    expect(byType.DONATION_RECORDED.donation).toEqual({
      amount: 5_000_000,
      donorName: 'Công ty Hưng Thịnh',
      fund: { organization: { name: t.provinceOrg.name, area: { code: t.province.code } } },
    });
    expect(byType.AWARD_GRANTED.award).toEqual({ amount: 1_000_000, recipientName: 'Nguyễn Thị Thu', area: { name: t.communes[0].name } });
    expect(byType.LEARNING_MODEL_REGISTERED.learningModelEntry).toEqual({
      kind: 'FAMILY',
      name: 'Gia đình ông Phạm Văn Long',
      area: { code: t.villages[0].code, parent: { code: t.communes[0].code } },
    });
    expect(byType.INSPECTION_CHANGED.inspection).toEqual({
      title: 'Kiểm tra Chỉ thị 11',
      status: 'PLANNED',
      lead: { name: t.provinceOrg.name },
      subjects: [{ name: t.districtOrgs[0].name }],
    });
    // fields for other kinds of events stay null
    expect(byType.DONATION_RECORDED.inspection).toBeNull();
    await sub.close();
  });
});
