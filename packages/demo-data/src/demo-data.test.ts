import { demoPlan } from './index';

describe('demo plan', () => {
  it('is a consistent tree: every parent exists and every member belongs to a known organisation', () => {
    const plan = demoPlan();
    const areas = new Set(plan.areas.map((a) => a.id));
    const orgs = new Set(plan.organizations.map((o) => o.id));
    expect(plan.areas.filter((a) => a.level === 'DISTRICT')).toHaveLength(10);
    expect(plan.areas.every((a) => a.parentId === null || areas.has(a.parentId))).toBe(true);
    expect(plan.organizations.every((o) => areas.has(o.areaId) && (o.parentId === null || orgs.has(o.parentId)))).toBe(true);
    expect(plan.members.every((m) => orgs.has(m.organizationId))).toBe(true);
    expect(plan.members.length).toBeGreaterThan(200);
    expect(new Set(plan.members.map((m) => m.id)).size).toBe(plan.members.length);
  });
});
