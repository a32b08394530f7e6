import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const t = globalThis.__khgTest;
  if (!t) return;
  await t.platform.stop();
  await t.db.stop();
  rmSync(t.dir, { recursive: true, force: true });
}
