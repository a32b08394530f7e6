/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ProvinceDashboard($code: String!, $on: Date!, $year: Int!) {\n  area(code: $code, on: $on) {\n    id\n    name\n    fundraising(year: $year) {\n      raised\n      perCapita\n      perCapitaTarget\n      targetMet\n    }\n    children(on: $on) {\n      id\n      name\n      population(year: $year)\n      learningModels(year: $year) {\n        kind\n        rate\n        target\n        targetMet\n      }\n      fundraising(year: $year) {\n        raised\n        perCapita\n        perCapitaTarget\n        targetMet\n      }\n    }\n  }\n  organizations(kind: ASSOCIATION) {\n    id\n    name\n    area {\n      name\n      level\n    }\n    membershipStats(year: $year) {\n      members\n      activeMembers\n      cardIssuanceRate\n      feeCollectionRate\n    }\n  }\n}": typeof types.ProvinceDashboardDocument,
    "subscription LiveEvents($types: [EventType!], $after: String) {\n  events(types: $types, after: $after) {\n    cursor\n    type\n    occurredAt\n    subjectId\n    member {\n      fullName\n      organization {\n        name\n      }\n    }\n    donation {\n      amount\n      donorName\n    }\n  }\n}": typeof types.LiveEventsDocument,
    "query MemberSearch($search: String!, $first: Int = 20) {\n  members(search: $search, first: $first, orderBy: BEST_MATCH) {\n    totalCount\n    totalCountIsEstimate\n    edges {\n      node {\n        id\n        fullName\n        status\n        card {\n          number\n          status\n        }\n        organization {\n          name\n          area {\n            name\n          }\n        }\n      }\n    }\n  }\n}": typeof types.MemberSearchDocument,
};
const documents: Documents = {
    "query ProvinceDashboard($code: String!, $on: Date!, $year: Int!) {\n  area(code: $code, on: $on) {\n    id\n    name\n    fundraising(year: $year) {\n      raised\n      perCapita\n      perCapitaTarget\n      targetMet\n    }\n    children(on: $on) {\n      id\n      name\n      population(year: $year)\n      learningModels(year: $year) {\n        kind\n        rate\n        target\n        targetMet\n      }\n      fundraising(year: $year) {\n        raised\n        perCapita\n        perCapitaTarget\n        targetMet\n      }\n    }\n  }\n  organizations(kind: ASSOCIATION) {\n    id\n    name\n    area {\n      name\n      level\n    }\n    membershipStats(year: $year) {\n      members\n      activeMembers\n      cardIssuanceRate\n      feeCollectionRate\n    }\n  }\n}": types.ProvinceDashboardDocument,
    "subscription LiveEvents($types: [EventType!], $after: String) {\n  events(types: $types, after: $after) {\n    cursor\n    type\n    occurredAt\n    subjectId\n    member {\n      fullName\n      organization {\n        name\n      }\n    }\n    donation {\n      amount\n      donorName\n    }\n  }\n}": types.LiveEventsDocument,
    "query MemberSearch($search: String!, $first: Int = 20) {\n  members(search: $search, first: $first, orderBy: BEST_MATCH) {\n    totalCount\n    totalCountIsEstimate\n    edges {\n      node {\n        id\n        fullName\n        status\n        card {\n          number\n          status\n        }\n        organization {\n          name\n          area {\n            name\n          }\n        }\n      }\n    }\n  }\n}": types.MemberSearchDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProvinceDashboard($code: String!, $on: Date!, $year: Int!) {\n  area(code: $code, on: $on) {\n    id\n    name\n    fundraising(year: $year) {\n      raised\n      perCapita\n      perCapitaTarget\n      targetMet\n    }\n    children(on: $on) {\n      id\n      name\n      population(year: $year)\n      learningModels(year: $year) {\n        kind\n        rate\n        target\n        targetMet\n      }\n      fundraising(year: $year) {\n        raised\n        perCapita\n        perCapitaTarget\n        targetMet\n      }\n    }\n  }\n  organizations(kind: ASSOCIATION) {\n    id\n    name\n    area {\n      name\n      level\n    }\n    membershipStats(year: $year) {\n      members\n      activeMembers\n      cardIssuanceRate\n      feeCollectionRate\n    }\n  }\n}"): typeof import('./graphql').ProvinceDashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription LiveEvents($types: [EventType!], $after: String) {\n  events(types: $types, after: $after) {\n    cursor\n    type\n    occurredAt\n    subjectId\n    member {\n      fullName\n      organization {\n        name\n      }\n    }\n    donation {\n      amount\n      donorName\n    }\n  }\n}"): typeof import('./graphql').LiveEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MemberSearch($search: String!, $first: Int = 20) {\n  members(search: $search, first: $first, orderBy: BEST_MATCH) {\n    totalCount\n    totalCountIsEstimate\n    edges {\n      node {\n        id\n        fullName\n        status\n        card {\n          number\n          status\n        }\n        organization {\n          name\n          area {\n            name\n          }\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').MemberSearchDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
