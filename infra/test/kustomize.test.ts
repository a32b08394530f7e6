import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { SUBGRAPH_MANIFEST, envPrefix, subgraphEntry } from '@khg/platform/manifest';
import { BASE_DIR, generatedFiles } from '../src/generated';
import { postgresObjects, processObjects, type K8sObject } from '../src/processes';
import { clusterSchema, poolerSchema } from './cnpg-schema';

/**
 * The deployment as an operator would apply it: every overlay rendered by `kubectl kustomize`, each
 * object validated against its Kubernetes schema (kubernetes-models) or CloudNativePG's (checked-in
 * subset), and every process of the subgraph manifest present with what running it safely needs.
 */
const OVERLAYS = ['dev', 'prod'];
const KUSTOMIZE = join(__dirname, '..', 'kustomize');
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const haveKubectl = kubectl.status === 0;
if (!haveKubectl)
  process.stdout.write(
    'SKIPPED rendering the Kustomize overlays: no kubectl. Install it (https://kubernetes.io/docs/tasks/tools/, or apt-get install -y kubectl from the Kubernetes apt repository)\n',
  );

const PROCESSES = ['gateway', ...SUBGRAPH_MANIFEST.map((m) => m.name)];

type Obj = K8sObject & { metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any };

function render(overlay: string): Obj[] {
  const r = spawnSync('kubectl', ['kustomize', join(KUSTOMIZE, 'overlays', overlay)], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`kubectl kustomize ${overlay} failed: ${r.stderr}`);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as Obj)
    .filter(Boolean);
}

const ajv = new Ajv({ allErrors: true, strict: false });
const crdValidators: Record<string, ReturnType<typeof ajv.compile>> = {
  'postgresql.cnpg.io/v1/Cluster': ajv.compile(clusterSchema),
  'postgresql.cnpg.io/v1/Pooler': ajv.compile(poolerSchema),
};

/** kubernetes-models' class for a core or built-in API object (e.g. apps/v1 Deployment). */
function modelOf(apiVersion: string, kind: string): (new (o: object) => { validate(): void }) | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the model's module follows from the object's apiVersion and kind
    return (require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, new (o: object) => { validate(): void }>)[kind] ?? null;
  } catch {
    return null;
  }
}

/** The schema problems of one object; an object no validator knows is itself a problem. */
function problemsOf(o: Obj): string[] {
  const crd = crdValidators[`${o.apiVersion}/${o.kind}`];
  if (crd) return crd(o) ? [] : (crd.errors ?? []).map((e) => `${o.kind}/${o.metadata.name}${e.instancePath} ${e.message}`);
  const Model = modelOf(o.apiVersion, o.kind);
  if (!Model) return [`${o.apiVersion} ${o.kind}/${o.metadata.name}: no schema to validate it against`];
  try {
    new Model(o).validate();
    return [];
  } catch (e) {
    return [`${o.kind}/${o.metadata.name}: ${(e as Error).message}`];
  }
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
function selects(sel: Selector, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (sel.matchExpressions ?? []).every((e) => {
    if (e.operator === 'In') return e.values!.includes(labels[e.key]);
    if (e.operator === 'NotIn') return !e.values!.includes(labels[e.key]);
    if (e.operator === 'Exists') return e.key in labels;
    return !(e.key in labels);
  });
  return byLabels && byExpressions;
}

const find = (objs: Obj[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);

describe('manifests derived from the subgraph manifest', () => {
  it('are checked in as the manifest makes them (after adding a subgraph: npm run generate -w @khg/infra)', () => {
    for (const [file, text] of Object.entries(generatedFiles(SUBGRAPH_MANIFEST))) {
      expect({ file, text: readFileSync(join(BASE_DIR, file), 'utf8') }).toEqual({ file, text });
    }
  });

  it('give a new subgraph its Deployment, Service, autoscaler, disruption budget, migration and database role', () => {
    const archive = subgraphEntry({ name: 'archive', dbSchema: 'archive', port: 4099 });
    const objs = [...processObjects([...SUBGRAPH_MANIFEST, archive]), ...postgresObjects([...SUBGRAPH_MANIFEST, archive])] as Obj[];
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) expect(find(objs, kind, 'archive')).toBeDefined();
    const job = find(objs, 'Job', 'khg-migrate')!;
    expect(job.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name)).toContain('ARCHIVE_DATABASE_URL');
    expect(find(objs, 'Cluster', 'khg-pg')!.spec.managed.roles.map((r: { name: string }) => r.name)).toContain('archive');
    const gateway = find(objs, 'Deployment', 'gateway')!.spec.template.spec.containers[0];
    expect(gateway.env).toContainEqual({ name: 'ARCHIVE_URL', value: 'http://archive/graphql' });
  });
});

(haveKubectl ? describe : describe.skip).each(OVERLAYS)('the %s overlay, rendered by kubectl kustomize', (overlay) => {
  let objs: Obj[];
  beforeAll(() => {
    objs = render(overlay);
  });

  it('holds only objects valid against their schemas', () => {
    expect(objs.length).toBeGreaterThan(30);
    expect(objs.flatMap(problemsOf)).toEqual([]);
  });

  it('puts everything in its namespace and no secret values in the repository', () => {
    const namespace = objs.find((o) => o.kind === 'Namespace')!.metadata.name;
    expect(objs.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespace)).toEqual([]);
    expect(objs.filter((o) => o.kind === 'Secret')).toEqual([]);
    const containers = objs.flatMap((o) => o.spec?.template?.spec?.containers ?? []) as {
      name: string;
      env?: { name: string; value?: string; valueFrom?: any }[];
    }[];
    const sensitive = containers.flatMap((c) =>
      (c.env ?? []).filter((e) => /SECRET|PASSWORD|DATABASE_URL|KEY/.test(e.name)).map((e) => ({ container: c.name, ...e })),
    );
    expect(sensitive.length).toBeGreaterThan(PROCESSES.length);
    expect(sensitive.filter((e) => !e.valueFrom?.secretKeyRef)).toEqual([]);
  });

  it.each(PROCESSES)('runs %s with a Service, an autoscaler, a disruption budget, topology spread and both probes', (name) => {
    const deployment = find(objs, 'Deployment', name)!;
    expect(deployment).toBeDefined();
    const pod = deployment.spec.template;
    const labels = pod.metadata.labels as Record<string, string>;
    expect(selects(deployment.spec.selector, labels)).toBe(true);
    const [container] = pod.spec.containers;
    expect(container.args).toEqual([name]);
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    const spread = pod.spec.topologySpreadConstraints as { topologyKey: string; labelSelector: Selector }[];
    expect(spread.map((s) => s.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
    expect(spread.every((s) => selects(s.labelSelector, labels))).toBe(true);

    const service = find(objs, 'Service', name)!;
    expect(selects({ matchLabels: service.spec.selector }, labels)).toBe(true);
    const hpa = find(objs, 'HorizontalPodAutoscaler', name)!;
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
    expect(selects(find(objs, 'PodDisruptionBudget', name)!.spec.selector, labels)).toBe(true);
  });

  it('lets only the gateway reach the subgraphs (and the subgraphs reach membership’s directory)', () => {
    const policies = objs.filter((o) => o.kind === 'NetworkPolicy');
    for (const m of SUBGRAPH_MANIFEST) {
      const labels = find(objs, 'Deployment', m.name)!.spec.template.metadata.labels as Record<string, string>;
      const mine = policies.filter((p) => selects(p.spec.podSelector, labels));
      expect(mine.length).toBeGreaterThan(0);
      const peers = mine.flatMap((p) =>
        (p.spec.ingress as { from: { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: object }[] }[]).flatMap((i) => i.from),
      );
      expect(peers.every((peer) => peer.podSelector && !peer.namespaceSelector && !peer.ipBlock)).toBe(true);
      const allowed = new Set(peers.map((peer) => JSON.stringify(peer.podSelector)));
      const expected = [{ matchLabels: { 'app.kubernetes.io/component': 'gateway' } }];
      if (m.name === 'membership') expected.push({ matchLabels: { 'app.kubernetes.io/component': 'subgraph' } });
      expect(allowed).toEqual(new Set(expected.map((e) => JSON.stringify(e))));
    }
  });

  it('migrates every subgraph as its own role, and pools their connections in transaction mode', () => {
    const job = find(objs, 'Job', 'khg-migrate')!;
    const env = job.spec.template.spec.containers[0].env as { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }[];
    expect(env.map((e) => e.name).sort()).toEqual(SUBGRAPH_MANIFEST.map((m) => `${envPrefix(m.name)}_DATABASE_URL`).sort());
    const cluster = find(objs, 'Cluster', 'khg-pg')!;
    expect(cluster.spec.managed.roles.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(SUBGRAPH_MANIFEST.map((m) => m.dbSchema)));
    const pooler = objs.find((o) => o.kind === 'Pooler')!;
    expect(pooler.spec).toMatchObject({ cluster: { name: 'khg-pg' }, type: 'rw', pgbouncer: { poolMode: 'transaction' } });
    for (const m of SUBGRAPH_MANIFEST) {
      const c = find(objs, 'Deployment', m.name)!.spec.template.spec.containers[0];
      expect(c.env).toEqual(
        expect.arrayContaining([
          { name: 'DB_SEARCH_PATH', value: 'role' },
          { name: 'DB_MIGRATE', value: 'skip' },
        ]),
      );
    }
  });

  it('runs NATS JetStream on three nodes and Redis', () => {
    const nats = find(objs, 'StatefulSet', 'nats')!;
    expect(nats.spec.replicas).toBe(3);
    expect((find(objs, 'ConfigMap', 'nats-config') as Obj & { data: Record<string, string> }).data['nats.conf']).toMatch(/jetstream \{[\s\S]*cluster \{/);
    expect(find(objs, 'Deployment', 'redis')).toBeDefined();
    const config = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('khg-config-')) as Obj & { data: Record<string, string> };
    expect(config.data).toMatchObject({ EVENT_BUS: 'nats://nats:4222', REDIS_URL: 'redis://redis:6379' });
  });
});
