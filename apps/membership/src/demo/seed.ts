import { MemberStatus, foldVietnamese } from '@khg/domain';
import { demoId, demoPlan } from '@khg/demo-data';
import { ltreeLabel, type SubgraphDeps } from '@khg/platform';
import { Area, AreaStatistic } from '../modules/areas/area.entity';
import { Organization } from '../modules/organizations/organization.entity';
import { Member, MemberStatusChange, MembershipPeriod } from '../modules/members/member.entity';
import { FeePayment } from '../modules/fees/fee.entity';
import { CARD_PREFIX } from '../modules/cards/card.service';
import { buildOrgYearStats } from '../modules/stats/year-end-build';
import { seedReformDemo } from './reform';

const FEE_2018 = 24_000n;

/** Loads the Hưng Yên demo (areas, organisations, members, cards, fees) into an empty schema. */
export async function seedMembershipDemo({ ds, log, outbox }: SubgraphDeps): Promise<void> {
  if (await ds.getRepository(Area).exists()) return;
  const plan = demoPlan();
  await ds.transaction(async (em) => {
    const paths = new Map<string, string>();
    const pathOf = (id: string, parentId: string | null) => {
      const p = parentId ? `${paths.get(parentId)}.${ltreeLabel(id)}` : ltreeLabel(id);
      paths.set(id, p);
      return p;
    };
    await em.insert(
      Area,
      plan.areas.map((a) => ({
        id: a.id,
        code: a.code,
        name: a.name,
        kind: a.kind,
        level: a.level,
        parentId: a.parentId,
        path: pathOf(a.id, a.parentId),
        validFrom: null,
        validTo: null,
      })),
    );
    await em.query(`INSERT INTO area_parents (area_id, parent_id, valid_from, valid_to)
      SELECT id, parent_id, valid_from, valid_to FROM areas WHERE parent_id IS NOT NULL`);
    await em.insert(
      AreaStatistic,
      plan.areas.flatMap((a) => a.statistics.map((s) => ({ areaId: a.id, ...s }))),
    );
    await em.insert(
      Organization,
      plan.organizations.map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind,
        host: o.host,
        areaId: o.areaId,
        parentId: o.parentId,
        path: pathOf(o.id, o.parentId),
        foundedOn: o.foundedOn,
        closedOn: null,
      })),
    );
    await em.query(`INSERT INTO organization_history (organization_id, parent_id, area_id, valid_from, valid_to)
      SELECT id, parent_id, area_id, founded_on, closed_on FROM organizations`);
    for (let i = 0; i < plan.members.length; i += 500) {
      const batch = plan.members.slice(i, i + 500);
      await em.insert(
        Member,
        batch.map((m) => ({
          id: m.id,
          organizationId: m.organizationId,
          fullName: m.fullName,
          searchName: foldVietnamese(m.fullName),
          gender: m.gender,
          birthYear: m.birthYear,
          phone: m.phone,
          joinedOn: m.joinedOn,
          status: MemberStatus.ACTIVE,
        })),
      );
      await em.insert(
        MembershipPeriod,
        batch.map((m) => ({ memberId: m.id, organizationId: m.organizationId, from: m.joinedOn, to: null, reason: 'admitted' })),
      );
      await em.insert(
        MemberStatusChange,
        batch.map((m) => ({ memberId: m.id, status: MemberStatus.ACTIVE, changedOn: m.joinedOn })),
      );
      await em.insert(
        FeePayment,
        batch.flatMap((m) =>
          m.feeYears.map((year) => ({
            id: demoId('FeePayment', `${m.id}:${year}`),
            memberId: m.id,
            organizationId: m.organizationId,
            year,
            amount: FEE_2018,
            paidOn: `${year}-03-15`,
            receiptNumber: null,
          })),
        ),
      );
    }
    // Cards come from the same sequence as issued ones, so numbers stay unique for ever.
    const carded = plan.members.filter((m) => m.cardNumber);
    await em.query(
      `INSERT INTO member_cards (member_id, number, issued_on, status)
       SELECT m, $2 || '-' || lpad(nextval('card_number_seq')::text, 7, '0'), greatest(j, '2015-01-01'::date), 'ACTIVE'
       FROM unnest($1::text[], $3::date[]) AS t(m, j)`,
      [carded.map((m) => m.id), CARD_PREFIX, carded.map((m) => m.joinedOn)],
    );
    // Thái Bình sample and the 2025 reform, applied through the reorganisation service.
    const reform = await seedReformDemo(em, ds, outbox, pathOf);
    log.info({ reorganizations: reform.reorganizations }, 'demo reform applied');
    await buildOrgYearStats(em, log);
    log.info({ areas: plan.areas.length, organizations: plan.organizations.length, members: plan.members.length }, 'demo data loaded');
  });
}
