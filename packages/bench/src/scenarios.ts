import { foldVietnamese } from '@khg/domain';
import { PROVINCE_ORG, memberName, sizesFor, uidJs } from './dataset';

export interface Request {
  query: string;
  variables: Record<string, unknown>;
}

export interface Scenario {
  key: string;
  title: string;
  /** the i-th request (rotates search terms, pages, idempotency keys) */
  request(i: number): Request;
  /** the same work sent straight to the subgraph that owns it, where one does */
  direct?: { subgraph: string; note: string; request(i: number): Request };
  write?: boolean;
  /** writes sent alongside at a fixed rate while this scenario is measured */
  background?: { make(i: number): Request; rate: number; note: string };
  /** how many items the answer lists, where that grows with the scale */
  listed?: { count: number; noun: string };
}

const DASHBOARD = `query Dashboard($root: ID!, $year: Int!) {
  organizations(parentId: $root) {
    id name
    membershipStats(year: $year) { members activeMembers cardIssuanceRate feesCollected feeCollectionRate }
    area {
      id name population(year: $year)
      fundraising(year: $year) { raised awarded perCapita perCapitaTarget targetMet }
      learningModels(year: $year) { kind eligible registered recognized rate }
    }
  }
}`;

// a search box's query: best match first, paged from membership's indexes
const SEARCH = `query Search($q: String!) {
  members(search: $q, first: 50, orderBy: BEST_MATCH) {
    totalCount
    edges { cursor node { id fullName status organization { id name area { id name } } card { number status } } }
  }
}`;

const FANOUT = `query Donations($after: String) {
  donations(first: 500, after: $after) {
    id amount receivedOn donorName
    donorMember { id fullName }
    fund { id name organization { id name } }
  }
}`;
// what fundraising alone can answer of the fan-out: the same rows with keys only, no joins
const FANOUT_OWN = `query Donations($after: String) {
  donations(first: 500, after: $after) {
    id amount receivedOn donorName
    donorMember { id }
    fund { id name organization { id } }
  }
}`;

const RECORD = `mutation Record($input: RecordDonationInput!) { recordDonation(input: $input) { id receiptNumber } }`;

export function scenarios(scale: number, runId: string, donationCursors: (string | null)[], writeRate = 5): Scenario[] {
  const z = sizesFor(scale);
  const terms = Array.from({ length: 24 }, (_, i) => foldVietnamese(memberName(i * 53 + 7)).toLowerCase());
  const after = (i: number) => donationCursors[i % donationCursors.length];
  const donation = (i: number): Request => ({
    query: RECORD,
    variables: {
      input: {
        // commune funds, round robin: concurrent writers mostly hit different funds, as in real life
        fundId: uidJs('fund', 3, (i % z.communes) + 1),
        donorName: 'Người ủng hộ ' + i,
        amount: 100_000 + (i % 50) * 10_000,
        receivedOn: '2018-06-01',
        method: 'CASH',
        idempotencyKey: `${runId}-${i}`,
      },
    },
  });
  return [
    {
      key: 'dashboard',
      title: `1. Province dashboard (${z.districts} districts × 4 subgraphs)`,
      listed: { count: z.districts, noun: 'district' },
      request: () => ({ query: DASHBOARD, variables: { root: PROVINCE_ORG, year: 2018 } }),
    },
    {
      // Every donation invalidates what read fundraising: the cache earns its keep only if dashboards
      // still answer fast while the province records money.
      key: 'dashboard-writes',
      title: `1b. Province dashboard while ${writeRate} donations/s are recorded`,
      listed: { count: z.districts, noun: 'district' },
      request: () => ({ query: DASHBOARD, variables: { root: PROVINCE_ORG, year: 2018 } }),
      background: { make: (i) => donation(i + 90_000_000), rate: writeRate, note: `${writeRate} recordDonation/s alongside` },
    },
    {
      key: 'search',
      title: '2. Member search, best match, 50 with organisation, area, card',
      request: (i) => ({ query: SEARCH, variables: { q: terms[i % terms.length] } }),
      direct: { subgraph: 'membership', note: 'same query', request: (i) => ({ query: SEARCH, variables: { q: terms[i % terms.length] } }) },
    },
    {
      key: 'fanout',
      title: '3. Entity fan-out, 500 donations + donor + fund org',
      request: (i) => ({ query: FANOUT, variables: { after: after(i) } }),
      direct: { subgraph: 'fundraising', note: 'keys only (no membership join)', request: (i) => ({ query: FANOUT_OWN, variables: { after: after(i) } }) },
    },
    {
      key: 'write',
      title: '4. recordDonation (idempotency keys)',
      write: true,
      request: donation,
      // direct runs get their own key range so they record new donations too
      direct: { subgraph: 'fundraising', note: 'same mutation', request: (i) => donation(i + 50_000_000) },
    },
  ];
}

/** The cursors of the first pages of donations, so the fan-out reads different pages. */
export const DONATION_PAGE = `query($after: String) { donations(first: 500, after: $after) { cursor } }`;
