// The typed operations (generated from documents/*.graphql by `npm run build`) and a small client.
export * from './gql/graphql';
export { createGraphClient, GraphError, type GraphClient, type GraphClientOptions, type GraphErrorBody, type Operation } from './client';
