// Rewrites the base's manifest-derived files; run after adding a subgraph to the manifest.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '@khg/platform/manifest';
import { BASE_DIR, generatedFiles } from '../generated';

for (const [name, text] of Object.entries(generatedFiles(loadManifest()))) {
  writeFileSync(join(BASE_DIR, name), text);
  process.stdout.write(`wrote infra/kustomize/base/${name}\n`);
}
