// The part of CloudNativePG's API (postgresql.cnpg.io/v1, Cluster and Pooler) these manifests use,
// written from its API reference: kubernetes-models has no CloudNativePG models. Unknown fields are
// refused, so a misspelt field fails here instead of being dropped by the operator.
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required });
const str = { type: 'string', minLength: 1 };
const int = (minimum = 0) => ({ type: 'integer', minimum });
const bool = { type: 'boolean' };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const localRef = obj({ name: str }, ['name']);
const quantity = { oneOf: [{ type: 'string', pattern: '^[0-9.]+(m|Ki|Mi|Gi|Ti|k|M|G|T)?$' }, { type: 'integer' }] };
const resources = obj({ requests: { type: 'object', additionalProperties: quantity }, limits: { type: 'object', additionalProperties: quantity } });
const metadata = {
  type: 'object',
  properties: { name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' }, namespace: str, labels: stringMap },
  required: ['name'],
};

const role = obj(
  {
    name: str,
    comment: str,
    ensure: { enum: ['present', 'absent'] },
    passwordSecret: localRef,
    connectionLimit: { type: 'integer', minimum: -1 },
    inRoles: { type: 'array', items: str },
    inherit: bool,
    disablePassword: bool,
    superuser: bool,
    createdb: bool,
    createrole: bool,
    login: bool,
    replication: bool,
    bypassrls: bool,
  },
  ['name'],
);

export const clusterSchema = {
  type: 'object',
  properties: {
    apiVersion: { const: 'postgresql.cnpg.io/v1' },
    kind: { const: 'Cluster' },
    metadata,
    spec: obj(
      {
        instances: int(1),
        imageName: str,
        storage: obj({ size: quantity, storageClass: str }, ['size']),
        postgresql: obj({ parameters: stringMap }),
        bootstrap: obj({
          initdb: obj({
            database: str,
            owner: str,
            secret: localRef,
            postInitSQL: { type: 'array', items: str },
            postInitApplicationSQL: { type: 'array', items: str },
          }),
        }),
        managed: obj({ roles: { type: 'array', items: role } }),
        enableSuperuserAccess: bool,
        monitoring: obj({ enablePodMonitor: bool }),
        minSyncReplicas: int(),
        maxSyncReplicas: int(),
        resources,
      },
      ['instances', 'storage'],
    ),
  },
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
};

export const poolerSchema = {
  type: 'object',
  properties: {
    apiVersion: { const: 'postgresql.cnpg.io/v1' },
    kind: { const: 'Pooler' },
    metadata,
    spec: obj(
      {
        cluster: localRef,
        type: { enum: ['rw', 'ro'] },
        instances: int(0),
        pgbouncer: obj({ poolMode: { enum: ['session', 'transaction'] }, parameters: stringMap, paused: bool }),
        monitoring: obj({ enablePodMonitor: bool }),
      },
      ['cluster', 'pgbouncer'],
    ),
  },
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
};
