import { AreaLevel, AwardCategory, DonationMethod, OrganizationKind } from '@khg/domain';
import { demoId, demoPlan, seededRandom } from '@khg/demo-data';
import type { SubgraphDeps } from '@khg/platform';
import { Fund, LedgerEntry, LedgerKind } from '../modules/funds/fund.entity';
import { Campaign } from '../modules/campaigns/campaign.entity';
import { Donation } from '../modules/donations/donation.entity';
import { Award } from '../modules/awards/award.entity';
import { receiptNumber } from '../modules/donations/donation.service';

const TARGET_2018 = 50_000n;
const DONORS = [
  'Công ty TNHH May Hưng Yên',
  'Ngân hàng Nông nghiệp chi nhánh',
  'Dòng họ Nguyễn',
  'Dòng họ Phạm',
  'Hội Doanh nghiệp',
  'Quỹ tín dụng nhân dân',
  'Ẩn danh',
  'Công ty CP Nhựa',
  'Bệnh viện Đa khoa',
  'Trường THPT',
];
const RECIPIENTS = ['Nguyễn Thị Mai', 'Trần Văn Nam', 'Lê Minh Anh', 'Phạm Thu Hà', 'Hoàng Đức Long', 'Vũ Ngọc Lan'];

/**
 * Funds of the province association and of every district association, a 2018 campaign with the
 * 50,000 đồng/person target, donations (some by demo members) and awards: enough for Playground to
 * show real per-capita figures at once. Ancestry comes from the demo plan, not from membership,
 * which may not be up yet.
 */
export async function seedFundraisingDemo({ ds, log }: SubgraphDeps): Promise<void> {
  if (await ds.getRepository(Fund).exists()) return;
  const plan = demoPlan();
  const rnd = seededRandom(50_000);
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const areaById = new Map(plan.areas.map((a) => [a.id, a]));
  const ancestryOf = (areaId: string): string[] => {
    const chain: string[] = [];
    for (let a = areaById.get(areaId); a; a = a.parentId ? areaById.get(a.parentId) : undefined) chain.unshift(a.id);
    return chain;
  };
  // The province association (the root) and the district associations.
  const keeping = plan.organizations.filter(
    (o) => o.parentId === null || (o.kind === OrganizationKind.ASSOCIATION && areaById.get(o.areaId)!.level === AreaLevel.DISTRICT),
  );
  const membersByDistrict = new Map<string, string[]>();
  const orgArea = new Map(plan.organizations.map((o) => [o.id, o.areaId]));
  for (const m of plan.members) {
    const district = ancestryOf(orgArea.get(m.organizationId)!)[1];
    membersByDistrict.set(district, [...(membersByDistrict.get(district) ?? []), m.id]);
  }

  const funds: Fund[] = [];
  const campaigns: Campaign[] = [];
  const donations: Donation[] = [];
  const awards: Award[] = [];
  const ledger: Omit<LedgerEntry, 'id'>[] = [];
  for (const org of keeping) {
    const area = areaById.get(org.areaId)!;
    const fundId = demoId('Fund', org.id);
    const fund = Object.assign(new Fund(), {
      id: fundId,
      name: org.name.replace('Hội Khuyến học', 'Quỹ Khuyến học'),
      organizationId: org.id,
      areaId: area.id,
      areaAncestry: ancestryOf(area.id),
      balance: 0n,
      receiptsIssued: 0,
    });
    funds.push(fund);
    const campaign = Object.assign(new Campaign(), {
      id: demoId('Campaign', `${org.id}:2018`),
      fundId,
      name: `Vận động Quỹ Khuyến học năm 2018 — ${area.name}`,
      year: 2018,
      perCapitaTarget: TARGET_2018,
    });
    campaigns.push(campaign);
    const population = area.statistics.find((s) => s.year === 2018)!.population;
    // Districts raise 60–130 % of the target so some meet it and some do not; the province fund a bit on top.
    const goal =
      (area.level === AreaLevel.PROVINCE ? BigInt(population) * 5_000n : (BigInt(population) * TARGET_2018 * BigInt(between(600, 1300))) / 1000n) +
      BigInt(between(0, 999) * 1000);
    // Large gifts from businesses, banks and clans make the bulk; members give small sums.
    const gifts: { amount: bigint; donorName: string; donorMemberId: string | null; receivedOn: string }[] = [];
    const day = () => `2018-${String(between(1, 11)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
    const large = between(3, 5);
    let left = goal;
    for (let i = 0; i < large; i++) {
      const amount = i === large - 1 ? left : (left * BigInt(between(15, 35))) / 100n;
      left -= amount;
      gifts.push({ amount, donorName: DONORS[between(0, DONORS.length - 1)], donorMemberId: null, receivedOn: day() });
    }
    for (const memberId of (membersByDistrict.get(area.id) ?? []).slice(0, 2)) {
      const member = plan.members.find((m) => m.id === memberId)!;
      gifts.push({ amount: BigInt(between(2, 50)) * 100_000n, donorName: member.fullName, donorMemberId: member.id, receivedOn: day() });
    }
    // Receipts follow the days the money came in, as a treasurer would have issued them.
    gifts.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
    for (const g of gifts) {
      const seq = ++fund.receiptsIssued;
      const d = Object.assign(new Donation(), {
        id: demoId('Donation', `${fundId}:${seq}`),
        fundId,
        campaignId: campaign.id,
        ...g,
        method: [DonationMethod.BANK_TRANSFER, DonationMethod.CASH, DonationMethod.IN_KIND][between(0, 2)],
        receiptSeq: seq,
        receiptNumber: receiptNumber(seq),
        idempotencyKey: `demo:${fundId}:${seq}`,
        voided: false,
        voidReason: null,
        voidedAt: null,
      });
      donations.push(d);
      ledger.push({ fundId, kind: LedgerKind.DONATION, amount: g.amount, entryOn: g.receivedOn, donationId: d.id, awardId: null });
      fund.balance += g.amount;
    }
    const communes = plan.areas.filter((a) => a.parentId === area.id);
    for (let i = 0; i < 3; i++) {
      const amount = BigInt(between(10, 50)) * 100_000n;
      const recipientArea = communes.length ? communes[between(0, communes.length - 1)].id : area.id;
      const awardedOn = `2018-${String(between(8, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
      const a = Object.assign(new Award(), {
        id: demoId('Award', `${fundId}:${i}`),
        fundId,
        category: [AwardCategory.POOR_STUDENT_EXCELLENCE, AwardCategory.EXCELLENT_STUDENT, AwardCategory.LIFELONG_LEARNER][i],
        recipientName: RECIPIENTS[between(0, RECIPIENTS.length - 1)],
        areaId: recipientArea,
        amount,
        awardedOn,
        reason: i === 2 ? 'Học tập suốt đời: tốt nghiệp đại học ở tuổi 60' : 'Năm học 2017–2018',
      });
      awards.push(a);
      ledger.push({ fundId, kind: LedgerKind.AWARD, amount: -amount, entryOn: awardedOn, donationId: null, awardId: a.id });
      fund.balance -= amount;
    }
  }
  await ds.transaction(async (em) => {
    await em.insert(Fund, funds);
    await em.insert(Campaign, campaigns);
    await em.insert(Donation, donations);
    await em.insert(Award, awards);
    await em.insert(LedgerEntry, ledger);
  });
  log.info({ funds: funds.length, donations: donations.length, awards: awards.length }, 'demo data loaded');
}
