// Bundles the console for browsers (esbuild: @khg/client and graphql-ws inlined, no CDN) into dist/,
// which the gateway serves at /console (apps/gateway/src/console.ts).
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

mkdirSync('dist', { recursive: true });
await build({
  entryPoints: ['src/console.ts'],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: 'es2020',
  outfile: 'dist/console.js',
  logLevel: 'warning',
});
for (const f of ['index.html', 'console.css']) copyFileSync(`src/${f}`, `dist/${f}`);
