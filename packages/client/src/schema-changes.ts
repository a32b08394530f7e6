import { buildSchema } from 'graphql';
import { CriticalityLevel, diff } from '@graphql-inspector/core';

/** One breaking change of the API schema, as GraphQL Inspector reports it. */
export interface BreakingChange {
  /** the schema coordinate it touches, e.g. `Member.fullName` or `Query.members.search` */
  path: string;
  message: string;
}

/** The breaking changes (removed field, changed type, argument made required, …) from one API schema to the next. */
export async function breakingChanges(before: string, after: string): Promise<BreakingChange[]> {
  const changes = await diff(buildSchema(before), buildSchema(after));
  return changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => ({ path: c.path ?? '(schema)', message: c.message }));
}

/**
 * A breaking change is allowed once docs/schema-changes.md records it: the changelog names its
 * coordinate in backticks (e.g. "`Member.fullName`"), which is where a frontend team looks for
 * what to change. The rest would break deployed clients unannounced.
 */
export function unrecorded(changes: readonly BreakingChange[], changelog: string): BreakingChange[] {
  return changes.filter((c) => !changelog.includes(`\`${c.path}\``));
}
