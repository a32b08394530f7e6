// The Kubernetes objects of the platform's own processes, derived from the subgraph manifest so a
// new subgraph gets its Deployment, Service, autoscaler, disruption budget, database role and
// migration step without anyone remembering to write them (the test fails when the checked-in
// files fall behind the manifest).
import { envPrefix, type SubgraphManifestEntry } from '@khg/platform/manifest';

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [k: string]: unknown };

/** Every process of the one image listens here in a container; Services expose it on port 80. */
export const CONTAINER_PORT = 8080;
export const IMAGE = 'khg';
export const CONFIG_MAP = 'khg-config';
/** secrets shared by the processes (values are never in the repository; docs/deployment.md says how to create them) */
export const SHARED_SECRET = 'khg-secrets';
export const POSTGRES_CLUSTER = 'khg-pg';
export const POOLER = 'khg-pg-pooler-rw';
export const DATABASE = 'khg';
/** the database owner: the gateway's role (event log, webhooks), member of every subgraph's role */
export const OWNER_ROLE = 'khg';

export type Component = 'gateway' | 'subgraph';

const labels = (name: string, component: Component) => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/part-of': 'khg',
  'app.kubernetes.io/component': component,
});

/** A subgraph's database credentials: its own role, whose search_path is its schema (works through PgBouncer). */
export const dbSecretOf = (name: string) => `khg-db-${name}`;

const fromSecret = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

function probes() {
  const get = (path: string) => ({ httpGet: { path, port: 'http' } });
  return {
    // Startup covers migrations-free boot (the Job migrates); liveness only says the process runs.
    startupProbe: { ...get('/health/live'), periodSeconds: 2, failureThreshold: 60 },
    livenessProbe: { ...get('/health/live'), periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    readinessProbe: { ...get('/health/ready'), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
  };
}

function spread(name: string) {
  const labelSelector = { matchLabels: { 'app.kubernetes.io/name': name } };
  return [
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector },
    { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector },
  ];
}

interface ProcessSpec {
  name: string;
  component: Component;
  env: object[];
  minReplicas: number;
  maxReplicas: number;
  resources: object;
}

function deployment(p: ProcessSpec): K8sObject {
  const l = labels(p.name, p.component);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: p.name, labels: l },
    spec: {
      replicas: p.minReplicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': p.name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: l },
        spec: {
          // The gateway drains in-flight requests and closes subscriptions with 1012 (SHUTDOWN_GRACE_MS 10 s).
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: spread(p.name),
          containers: [
            {
              name: p.name,
              image: IMAGE,
              args: [p.name],
              ports: [{ name: 'http', containerPort: CONTAINER_PORT }],
              envFrom: [{ configMapRef: { name: CONFIG_MAP } }],
              env: [{ name: 'PORT', value: String(CONTAINER_PORT) }, fromSecret('INTERNAL_SECRET', SHARED_SECRET, 'internal-secret'), ...p.env],
              ...probes(),
              resources: p.resources,
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

function service(p: ProcessSpec): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: p.name, labels: labels(p.name, p.component) },
    spec: { selector: { 'app.kubernetes.io/name': p.name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
}

function autoscaler(p: ProcessSpec): K8sObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: p.name, labels: labels(p.name, p.component) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: p.name },
      minReplicas: p.minReplicas,
      maxReplicas: p.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      // Year-end imports come in waves: scale up at once, down slowly.
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  };
}

function disruptionBudget(p: ProcessSpec): K8sObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: p.name, labels: labels(p.name, p.component) },
    spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': p.name } } },
  };
}

const subgraphUrl = (m: SubgraphManifestEntry) => `http://${m.name}/graphql`;

function processSpecs(manifest: readonly SubgraphManifestEntry[]): ProcessSpec[] {
  const gateway: ProcessSpec = {
    name: 'gateway',
    component: 'gateway',
    // The gateway connects straight to the primary (not the pooler): the event relay and hub hold
    // session state (LISTEN, advisory locks, a replication slot), which transaction pooling would break.
    env: [
      fromSecret('DATABASE_URL', dbSecretOf('gateway'), 'url'),
      fromSecret('JWT_SECRET', SHARED_SECRET, 'jwt-secret'),
      fromSecret('DATA_KEY', SHARED_SECRET, 'data-key'),
      ...manifest.map((m) => ({ name: m.urlVariable, value: subgraphUrl(m) })),
    ],
    minReplicas: 2,
    maxReplicas: 10,
    resources: { requests: { cpu: '250m', memory: '384Mi' }, limits: { memory: '1Gi' } },
  };
  const subgraphs = manifest.map((m): ProcessSpec => ({
    name: m.name,
    component: 'subgraph',
    env: [
      fromSecret('DATABASE_URL', dbSecretOf(m.name), 'url'),
      // Its own role's search_path, set by the migration Job; the pooler cannot carry a startup option.
      { name: 'DB_SEARCH_PATH', value: 'role' },
      { name: 'DB_MIGRATE', value: 'skip' },
    ],
    minReplicas: 2,
    maxReplicas: 8,
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '768Mi' } },
  }));
  return [gateway, ...subgraphs];
}

/**
 * Runs every subgraph's migrations once per release, straight to the primary (a session advisory
 * lock serialises them, which transaction pooling would break), as each subgraph's own role.
 */
function migrationJob(manifest: readonly SubgraphManifestEntry[]): K8sObject {
  const l = { 'app.kubernetes.io/name': 'migrate', 'app.kubernetes.io/part-of': 'khg', 'app.kubernetes.io/component': 'migration' };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'khg-migrate', labels: l },
    spec: {
      backoffLimit: 3,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: l },
        spec: {
          restartPolicy: 'OnFailure',
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'migrate',
              image: IMAGE,
              args: ['migrate'],
              envFrom: [{ configMapRef: { name: CONFIG_MAP } }],
              env: manifest.map((m) => fromSecret(`${envPrefix(m.name)}_DATABASE_URL`, dbSecretOf(m.name), 'migrate-url')),
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '768Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            },
          ],
        },
      },
    },
  };
}

/** Deployment, Service, HPA and PDB of the gateway and of every subgraph, and the migration Job. */
export function processObjects(manifest: readonly SubgraphManifestEntry[]): K8sObject[] {
  return [...processSpecs(manifest).flatMap((p) => [deployment(p), service(p), autoscaler(p), disruptionBudget(p)]), migrationJob(manifest)];
}

/**
 * PostgreSQL as a CloudNativePG Cluster with a PgBouncer Pooler in transaction mode. Each subgraph
 * logs in as its own role named after its schema: its default search_path is that schema (set at
 * init here and again by every migration), so no startup option is needed, and the database itself
 * keeps one subgraph out of another's tables. The owner (the gateway) is a member of every role, to
 * read their outboxes.
 */
export function postgresObjects(manifest: readonly SubgraphManifestEntry[]): K8sObject[] {
  const roles = manifest.map((m) => m.dbSchema);
  const quoted = (r: string) => `"${r}"`;
  return [
    {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: POSTGRES_CLUSTER, labels: { 'app.kubernetes.io/part-of': 'khg', 'app.kubernetes.io/component': 'database' } },
      spec: {
        instances: 2,
        imageName: 'ghcr.io/cloudnative-pg/postgresql:17',
        storage: { size: '20Gi' },
        // The event relay reads the outboxes by logical replication (pgoutput).
        postgresql: { parameters: { wal_level: 'logical', max_replication_slots: '10', max_wal_senders: '10' } },
        bootstrap: {
          initdb: {
            database: DATABASE,
            owner: OWNER_ROLE,
            secret: { name: dbSecretOf('gateway') },
            postInitApplicationSQL: [
              'CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA public',
              'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public',
              'CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public',
              ...roles.flatMap((r) => [
                `CREATE ROLE ${quoted(r)} NOLOGIN`,
                `GRANT CREATE ON DATABASE ${DATABASE} TO ${quoted(r)}`,
                `ALTER ROLE ${quoted(r)} IN DATABASE ${DATABASE} SET search_path = ${quoted(r)}, public`,
                `GRANT ${quoted(r)} TO ${OWNER_ROLE}`,
              ]),
            ],
          },
        },
        managed: {
          roles: [
            { name: OWNER_ROLE, ensure: 'present', login: true, replication: true },
            ...manifest.map((m) => ({ name: m.dbSchema, ensure: 'present', login: true, passwordSecret: { name: dbSecretOf(m.name) } })),
          ],
        },
        enableSuperuserAccess: false,
        monitoring: { enablePodMonitor: false },
      },
    },
    {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Pooler',
      metadata: { name: POOLER, labels: { 'app.kubernetes.io/part-of': 'khg', 'app.kubernetes.io/component': 'database' } },
      spec: {
        cluster: { name: POSTGRES_CLUSTER },
        instances: 2,
        type: 'rw',
        pgbouncer: { poolMode: 'transaction', parameters: { max_client_conn: '2000', default_pool_size: '20' } },
      },
    },
  ];
}
