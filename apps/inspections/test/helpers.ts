import { graphOk, rowCount, unique } from '@khg/testing';

export const INSPECTION_FIELDS =
  'id title status startsOn endsOn partners completedOn cancelReason lead { id } subjects { id } documents { id code } findings { id severity summary } recommendations { id text status dueOn responsible { id } }';

export async function registerDocument(
  extra: Partial<{ code: string; title: string; kind: string; issuer: string; issuedOn: string }> = {},
  token?: string,
): Promise<{ id: string; code: string }> {
  const d = await graphOk<{ registerPolicyDocument: { id: string; code: string } }>(
    'mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id code } }',
    { i: { code: unique('CT-'), title: 'Chỉ thị thử', kind: 'DIRECTIVE', issuer: 'Tỉnh ủy', issuedOn: '2011-07-27', ...extra } },
    { token },
  );
  return d.registerPolicyDocument;
}

export interface PlanArgs {
  leadId: string;
  subjectIds: string[];
  documentIds: string[];
  partners?: string[];
  startsOn?: string;
  endsOn?: string | null;
  title?: string;
}

export function planInput(a: PlanArgs): Record<string, unknown> {
  return {
    title: a.title ?? unique('Kiểm tra '),
    documentIds: a.documentIds,
    leadId: a.leadId,
    partners: a.partners ?? ['Sở Giáo dục và Đào tạo'],
    subjectIds: a.subjectIds,
    startsOn: a.startsOn ?? '2018-05-14',
    endsOn: a.endsOn === undefined ? '2018-05-25' : a.endsOn,
  };
}

export async function planInspection(a: PlanArgs, token?: string): Promise<{ id: string; status: string }> {
  const d = await graphOk<{ planInspection: { id: string; status: string } }>(
    'mutation($i: PlanInspectionInput!) { planInspection(input: $i) { id status } }',
    { i: planInput(a) },
    { token },
  );
  return d.planInspection;
}

export const START = 'mutation($id: ID!) { startInspection(id: $id) { id status } }';
export const COMPLETE = 'mutation($id: ID!) { completeInspection(id: $id) { id status completedOn } }';
export const CANCEL = 'mutation($id: ID!, $r: String!) { cancelInspection(id: $id, reason: $r) { id status cancelReason } }';
export const FINDING =
  'mutation($id: ID!, $s: Severity!, $t: String!) { recordFinding(inspectionId: $id, severity: $s, summary: $t) { id status findings { id severity summary } } }';
export const RECOMMEND =
  'mutation($id: ID!, $t: String!, $r: ID!, $d: Date) { recommend(inspectionId: $id, text: $t, responsibleId: $r, dueOn: $d) { id status recommendations { id text status dueOn responsible { id } } } }';
export const RESOLVE = 'mutation($id: ID!) { resolveRecommendation(id: $id) { id status resolvedOn } }';

export const outboxCount = (where = 'true', params: unknown[] = []) => rowCount('inspections.outbox_events', where, params);
