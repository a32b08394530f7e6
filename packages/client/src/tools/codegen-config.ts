import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** GraphQL Code Generator, client preset: typed document strings with their sha256 (the APQ hash) embedded. */
export function codegenConfig(pkg: string, schemaFile: string): CodegenConfig {
  return {
    schema: schemaFile,
    documents: join(pkg, 'documents', '*.graphql'),
    cwd: pkg,
    silent: true,
    generates: {
      [join(pkg, 'src', 'gql') + '/']: {
        preset: 'client',
        presetConfig: {
          fragmentMasking: false,
          persistedDocuments: { mode: 'embedHashInDocument', hashPropertyName: 'sha256Hash', hashAlgorithm: 'sha256' },
        },
        config: {
          // Strings, not ASTs: a browser sends them as they are, with no graphql-js in its bundle.
          documentMode: 'string',
          useTypeImports: true,
          enumsAsTypes: true,
          strictScalars: true,
          scalars: { Date: 'string', DateTime: 'string', Vnd: 'number' },
        },
      },
    },
  };
}
