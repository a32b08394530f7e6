import { typeOfId } from '@khg/domain';
import type { CallerGraph } from '../renderers';
import type { ExportArgs } from '../signing';

/** Everything `Query.personalData` gathers about one member, as the export's sheets need it. */
export interface PersonalDataExport {
  member: {
    id: string;
    fullName: string;
    gender: string | null;
    birthYear: number | null;
    phone: string | null;
    joinedOn: string;
    status: string;
    organization: { name: string };
    card: { number: string; status: string; issuedOn: string; retiredOn: string | null } | null;
    memberships: { organization: { name: string }; from: string; to: string | null; reason: string | null }[];
    feePayments: { year: number; amount: number; paidOn: string; receiptNumber: string | null }[];
  };
  donations: {
    receiptNumber: string;
    fund: { name: string };
    receivedOn: string;
    amount: number;
    donorName: string;
    method: string;
    voided: boolean;
    voidReason: string | null;
  }[];
  reads: { readerId: string; role: string; fields: string[]; readAt: string }[];
}

/**
 * One query through the graph as the link's caller: membership applies its own rule (ADMIN, or the
 * member's own MEMBER token) and records the read of the phone number and birth year, exactly as
 * when the same caller asks for `personalData` on screen.
 */
const PERSONAL_DATA = `query PersonalDataExport($m: ID!) { personalData(memberId: $m) {
  member {
    id fullName gender birthYear phone joinedOn status organization { name }
    card { number status issuedOn retiredOn }
    memberships { organization { name } from to reason }
    feePayments { year amount paidOn receiptNumber }
  }
  donations { receiptNumber fund { name } receivedOn amount donorName method voided voidReason }
  reads { readerId role fields readAt }
} }`;

export function checkPersonalDataArgs(args: ExportArgs): string | null {
  if (!args.memberId || typeOfId(args.memberId) !== 'Member') return 'A PERSONAL_DATA export needs memberId, a Member id (mbr_…)';
  return null;
}

export async function loadPersonalData(args: ExportArgs, graph: CallerGraph): Promise<PersonalDataExport> {
  const { personalData } = await graph<{ personalData: PersonalDataExport }>(PERSONAL_DATA, { m: args.memberId });
  return personalData;
}
