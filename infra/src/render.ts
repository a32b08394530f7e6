import { stringify } from 'yaml';
import type { K8sObject } from './processes';

const HEADER = '# Generated from the subgraph manifest (packages/platform/src/manifest.ts) by `npm run generate -w @khg/infra`; do not edit.\n';

/** Objects as one multi-document YAML file, with the note that says where they come from. */
export function toYaml(objects: readonly K8sObject[]): string {
  return HEADER + objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}
