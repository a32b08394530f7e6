import { randomUUID } from 'node:crypto';
import { graphOk, unique } from '@khg/testing';

export interface FundRef {
  id: string;
  name: string;
  balance: number;
}

export const FUND_FIELDS = 'id name balance';
export const DONATION_FIELDS = 'id amount receiptNumber voided voidReason receivedOn donorName method fund { id balance }';

export async function openFund(organizationId: string, token?: string): Promise<FundRef> {
  const d = await graphOk<{ openFund: FundRef }>(
    `mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { ${FUND_FIELDS} } }`,
    { o: organizationId, n: unique('Quỹ Khuyến học ') },
    { token },
  );
  return d.openFund;
}

export function donationInput(fundId: string, amount: number | string, extra: Record<string, unknown> = {}) {
  return {
    fundId,
    donorName: unique('Nhà hảo tâm '),
    amount,
    receivedOn: '2018-05-10',
    method: 'CASH',
    idempotencyKey: randomUUID(),
    ...extra,
  };
}

export const RECORD = `mutation($i: RecordDonationInput!) { recordDonation(input: $i) { ${DONATION_FIELDS} } }`;
export const VOID = `mutation($id: ID!, $r: String!) { voidDonation(id: $id, reason: $r) { ${DONATION_FIELDS} } }`;
export const GRANT = `mutation($i: GrantAwardInput!) { grantAward(input: $i) { id amount fund { id balance } area { id } } }`;

export async function donate(fundId: string, amount: number | string, extra: Record<string, unknown> = {}, token?: string) {
  const d = await graphOk<{ recordDonation: { id: string; amount: number; receiptNumber: string; fund: { balance: number } } }>(
    RECORD,
    { i: donationInput(fundId, amount, extra) },
    { token },
  );
  return d.recordDonation;
}

export function awardInput(fundId: string, areaId: string, amount: number | string, extra: Record<string, unknown> = {}) {
  return { fundId, areaId, amount, category: 'POOR_STUDENT_EXCELLENCE', recipientName: unique('Em '), awardedOn: '2018-09-05', ...extra };
}

export async function grant(fundId: string, areaId: string, amount: number | string, extra: Record<string, unknown> = {}) {
  const d = await graphOk<{ grantAward: { id: string; amount: number; fund: { balance: number } } }>(GRANT, { i: awardInput(fundId, areaId, amount, extra) });
  return d.grantAward;
}
