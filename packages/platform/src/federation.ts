import 'reflect-metadata';
import gql from 'graphql-tag';
import type { GraphQLSchema } from 'graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { buildSchema, createResolversMap, Directive, Field, ID, InterfaceType, type NonEmptyArray } from 'type-graphql';
import { DateScalar, DateTimeScalar, VndScalar } from './scalars';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/** Marks an entity with its federation key, typed instead of a raw directive string. */
export const Key = (fields = 'id', opts: { resolvable?: boolean } = {}) =>
  Directive(`@key(fields: "${fields}"${opts.resolvable === false ? ', resolvable: false' : ''})`);
export const External = () => Directive('@external');
export const Requires = (fields: string) => Directive(`@requires(fields: "${fields}")`);
export const Shareable = () => Directive('@shareable');

/** The Relay-style Node interface: every entity of the graph has a global id. */
@InterfaceType({
  description: 'Anything with a global id; `node(id)` finds it.',
  resolveType: (value: { __typename?: string; constructor?: { name: string } }) => value.__typename ?? value.constructor?.name,
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}

export type ReferenceResolvers = Record<string, { __resolveReference: (ref: { id: string } & Record<string, unknown>, ctx: never) => unknown }>;

export interface FederatedSchemaOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver and type classes as `Function`
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver and type classes as `Function`
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  /** resolver instances (constructed with their services); absent when only printing the SDL */
  instances?: object[];
}

function instanceContainer(instances: object[]) {
  const byClass = new Map<unknown, object>(instances.map((i) => [i.constructor, i]));
  return {
    get(someClass: unknown): object {
      const found = byClass.get(someClass);
      if (!found) throw new Error(`No instance of ${(someClass as { name?: string }).name} was wired`);
      return found;
    },
  };
}

/**
 * type-graphql classes are the one source of a subgraph's schema: build it, print it with its
 * federation directives, and let @apollo/subgraph add _entities/_service.
 */
export async function buildFederatedSchema(o: FederatedSchemaOptions): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const local = await buildSchema({
    resolvers: o.resolvers,
    orphanedTypes: o.orphanedTypes,
    scalarsMap: [],
    validate: { forbidUnknownValues: false },
    container: o.instances ? instanceContainer(o.instances) : undefined,
    skipCheck: true,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(local)}`;
  const resolvers = createResolversMap(local) as GraphQLResolverMap<unknown>;
  for (const [type, ref] of Object.entries(o.referenceResolvers ?? {})) {
    resolvers[type] = { ...(resolvers[type] as object), ...ref } as GraphQLResolverMap<unknown>[string];
  }
  for (const s of [DateScalar, DateTimeScalar, VndScalar]) resolvers[s.name] = s;
  const schema = buildSubgraphSchema({ typeDefs: gql(sdl), resolvers });
  return { schema, sdl };
}
