import { graphOk } from '@khg/testing';

export const RATE_FIELDS = 'kind eligible registered recognized notRecognized pending rate registeredRate target targetAreaId targetMet';

export interface Rate {
  kind: string;
  eligible: number;
  registered: number;
  recognized: number;
  notRecognized: number;
  pending: number;
  rate: number;
  registeredRate: number;
  target: number | null;
  targetAreaId: string | null;
  targetMet: boolean | null;
}

export interface EntryRef {
  id: string;
  status: string;
}

export async function register(rows: { kind?: string; name?: string; areaId: string; year?: number }[], token?: string): Promise<EntryRef[]> {
  const d = await graphOk<{ registerLearningModels: EntryRef[] }>(
    'mutation($i: [RegisterLearningModelInput!]!) { registerLearningModels(inputs: $i) { id status } }',
    { i: rows.map((r, n) => ({ kind: r.kind ?? 'FAMILY', name: r.name ?? `Gia đình ${n}`, areaId: r.areaId, year: r.year ?? 2018 })) },
    { token },
  );
  return d.registerLearningModels;
}

export async function decide(id: string, recognized: boolean, decisionNumber = '12/QĐ-UBND', decidedOn = '2018-12-20'): Promise<void> {
  await graphOk(
    'mutation($id: ID!, $r: Boolean!, $n: String, $d: Date) { decideLearningModel(id: $id, recognized: $r, decisionNumber: $n, decidedOn: $d) { id } }',
    { id, r: recognized, n: decisionNumber, d: decidedOn },
  );
}

export async function setEligible(areaId: string, count: number, kind = 'FAMILY', year = 2018): Promise<Rate> {
  const d = await graphOk<{ setEligibleCount: Rate }>(
    `mutation($y: Int!, $k: LearningModelKind!, $a: ID!, $c: Int!) { setEligibleCount(year: $y, kind: $k, areaId: $a, count: $c) { ${RATE_FIELDS} } }`,
    { y: year, k: kind, a: areaId, c: count },
  );
  return d.setEligibleCount;
}

export async function setTarget(areaId: string, target: number, kind = 'FAMILY', year = 2018): Promise<Rate> {
  const d = await graphOk<{ setLearningModelTarget: Rate }>(
    `mutation($y: Int!, $k: LearningModelKind!, $a: ID!, $t: Float!) { setLearningModelTarget(year: $y, kind: $k, areaId: $a, target: $t) { ${RATE_FIELDS} } }`,
    { y: year, k: kind, a: areaId, t: target },
  );
  return d.setLearningModelTarget;
}

/** The rates of many areas in one request, by area id. */
export async function ratesOf(areaIds: string[], year = 2018): Promise<Map<string, Rate[]>> {
  const d = await graphOk<{ areasByIds: { id: string; learningModels: Rate[] }[] }>(
    `query($ids: [ID!]!, $y: Int!) { areasByIds(ids: $ids) { id learningModels(year: $y) { ${RATE_FIELDS} } } }`,
    { ids: areaIds, y: year },
  );
  return new Map(d.areasByIds.map((a) => [a.id, a.learningModels]));
}
