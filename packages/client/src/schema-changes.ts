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

const RECORDS_HEADING = /^ {0,3}##\s+Recorded breaking changes\s*#*\s*$/i;
const SECTION_END = /^ {0,3}#{1,2}\s/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The text of the "## Recorded breaking changes" section with its code fences left out: the
 * workflow text and the example entry name coordinates too, and a mention there must not let a
 * real break through unrecorded.
 */
export function recordedSection(changelog: string): string {
  const kept: string[] = [];
  let inSection = false;
  let fence: string | undefined;
  for (const line of changelog.split(/\r?\n/)) {
    if (fence !== undefined) {
      const closing = FENCE.exec(line);
      if (closing && closing[1][0] === fence[0] && closing[1].length >= fence.length && line.trim() === closing[1]) fence = undefined;
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      fence = opening[1];
      continue;
    }
    if (RECORDS_HEADING.test(line)) inSection = true;
    else if (SECTION_END.test(line)) inSection = false;
    else if (inSection) kept.push(line);
  }
  return kept.join('\n');
}

/**
 * A breaking change is allowed once docs/schema-changes.md records it: an entry of its "Recorded
 * breaking changes" section names the coordinate in backticks (e.g. "`Member.fullName`"), which is
 * where a frontend team looks for what to change. The rest would break deployed clients unannounced.
 */
export function unrecorded(changes: readonly BreakingChange[], changelog: string): BreakingChange[] {
  const records = recordedSection(changelog);
  return changes.filter((c) => !records.includes(`\`${c.path}\``));
}

/** The build's verdict on a new API schema against the committed one: why it must fail, or null. */
export async function schemaChangeRefusal(committed: string, next: string, changelog: string): Promise<string | null> {
  if (!committed || committed === next) return null;
  const missing = unrecorded(await breakingChanges(committed, next), changelog);
  if (missing.length === 0) return null;
  return (
    `Breaking changes to the API schema that docs/schema-changes.md does not record:\n${missing.map((c) => `  - \`${c.path}\`: ${c.message}`).join('\n')}\n` +
    'Deployed clients would break. Keep the old field or argument (deprecate it), or record each change there, naming its coordinate in backticks, with what clients should do instead.'
  );
}
