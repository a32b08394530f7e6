import { join } from 'node:path';
import type { SubgraphManifestEntry } from '@khg/platform/manifest';
import { postgresObjects, processObjects } from './processes';
import { toYaml } from './render';

/** infra/kustomize/base (this file is infra/dist/generated.js or infra/src/generated.ts). */
export const BASE_DIR = join(__dirname, '..', 'kustomize', 'base');

/** The files of the base that follow from the manifest, by name, with their text. */
export function generatedFiles(manifest: readonly SubgraphManifestEntry[]): Record<string, string> {
  return { 'processes.yaml': toYaml(processObjects(manifest)), 'postgres.yaml': toYaml(postgresObjects(manifest)) };
}
