import type { ApolloServer } from '@apollo/server';
import { importProgressFieldName, signInternalCaller, type Caller, type Logger } from '@khg/platform';
import type { GatewayContext } from '../context';
import { KINDS, type ImportKind, type ImportParams } from './kinds';
import { UnreadableFile, sheetRows } from './read';
import type { ImportStore } from './store';
import { SubgraphUnreachable, writeToSubgraph, type GraphError } from './subgraph-write';
import { validateSheet, type Problem, type Validated } from './validate';

export interface ImportJob {
  id: string;
  kind: ImportKind;
  file: Buffer;
  sha256: string;
  dryRun: boolean;
  params: ImportParams;
  caller: Caller;
  requestId: string;
}

/**
 * An import's single write may take minutes (100,000 members); cutting it short would leave the
 * subgraph committing what the import reports as failed.
 */
const IMPORT_WRITE_TIMEOUT_MS = 15 * 60_000;

/** How often a running write's progress is read (a cheap primary-key read in the subgraph). */
const PROGRESS_EVERY_MS = 500;

/** Where an import's write goes, and who hears that it was written. */
export interface ImportWriteTarget {
  /** the owning subgraph's /graphql */
  urlOf(service: string): string;
  /** the write committed: answers that read the service are stale now (the response cache) */
  written(service: string): void;
}

/**
 * Runs an import: the whole file is validated first (REJECTED with every problem, nothing written;
 * or VALIDATED for a dry run), then its rows go to the owning subgraph's bulk mutation in ONE call,
 * which writes them in chunks inside one transaction: all or nothing. Row errors the subgraph finds
 * (an unknown id, an officer's row outside its subtree) come back named by spreadsheet row and column.
 */
export class ImportRunner {
  constructor(
    private readonly store: ImportStore,
    private readonly apollo: ApolloServer<GatewayContext>,
    private readonly internalSecret: string,
    private readonly log: Logger,
    private readonly target: ImportWriteTarget,
  ) {}

  async run(job: ImportJob): Promise<void> {
    try {
      await this.runSteps(job);
    } catch (e) {
      this.log.error({ importId: job.id, requestId: job.requestId, err: (e as Error).message }, 'import failed');
      await this.store
        .update(
          job.id,
          { status: 'FAILED', problems: [{ row: 0, column: null, message: 'The import failed on the server; nothing was written. Try again later.' }] },
          true,
        )
        .catch(() => undefined);
    }
  }

  /** The file read and checked row by row: only the inputs stay for the write. */
  private async validate(job: ImportJob): Promise<Validated | Problem> {
    try {
      return await validateSheet(KINDS[job.kind], sheetRows(job.file), job.params, job.sha256);
    } catch (e) {
      if (!(e instanceof UnreadableFile)) throw e;
      return { row: 0, column: null, message: e.message };
    }
  }

  private async runSteps(job: ImportJob): Promise<void> {
    const spec = KINDS[job.kind];
    const v = await this.validate(job);
    if (!('inputs' in v)) return this.store.update(job.id, { status: 'REJECTED', problems: [v] }, true);
    if (v.problems.length) return this.store.update(job.id, { status: 'REJECTED', rows: v.rows, problems: v.problems, warnings: v.warnings }, true);
    if (job.dryRun) return this.store.update(job.id, { status: 'VALIDATED', rows: v.rows, warnings: v.warnings }, true);
    await this.store.update(job.id, { status: 'IMPORTING', rows: v.rows, warnings: v.warnings });

    const variables: Record<string, unknown> = spec.kind === 'AREA_STATISTICS' ? { year: job.params.year, rows: v.inputs } : { inputs: v.inputs };
    // the import's id: the subgraph writes it once, reports its progress and appends IMPORT_FINISHED
    variables.importId = job.id;
    let errors: GraphError[];
    try {
      errors = await this.withProgress(job, spec.service, this.write(job, spec.service, spec.mutation, variables));
    } catch (e) {
      if (!(e instanceof SubgraphUnreachable)) throw e;
      this.log.warn({ importId: job.id, service: spec.service, err: e.message }, 'import write failed');
      return this.store.update(
        job.id,
        {
          status: 'FAILED',
          problems: [{ row: 0, column: null, message: `Nothing was written: the ${spec.service} service did not answer. Upload the file again later.` }],
        },
        true,
      );
    }
    if (!errors.length) return this.store.update(job.id, { status: 'COMPLETED', rowsDone: v.inputs.length }, true);

    const columnOf = (field: string) => spec.columns.find((c) => c.field === field)?.header ?? field;
    const problems: Problem[] = [];
    for (const e of errors) {
      const code = e.extensions?.code;
      if (code === 'BAD_USER_INPUT' && e.extensions?.rows?.length) {
        for (const r of e.extensions.rows) problems.push({ row: v.rowNumbers[r.index] ?? 0, column: columnOf(r.field), message: r.message });
      } else if (code === 'BAD_USER_INPUT' || code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'CONFLICT') {
        problems.push({ row: 0, column: null, message: e.message });
      } else {
        this.log.warn({ importId: job.id, code, err: e.message }, 'import write failed');
        return this.store.update(
          job.id,
          { status: 'FAILED', problems: [{ row: 0, column: null, message: `Nothing was written: ${e.message}. Upload the file again later.` }] },
          true,
        );
      }
    }
    await this.store.update(job.id, { status: 'REJECTED', problems }, true);
  }

  /**
   * Follows the subgraph's progress while its write runs (rows written inside its transaction, chunk
   * by chunk) into `rowsDone`: the upload's poller sees the write advance, not only its end.
   */
  private async withProgress<T>(job: ImportJob, service: string, write: Promise<T>): Promise<T> {
    const field = importProgressFieldName(service);
    const query = `query ImportProgress($importId: ID!) { progress: ${field}(importId: $importId) { done total } }`;
    let running = true;
    let shown = 0;
    const follow = async () => {
      while (running) {
        await Promise.race([write.catch(() => undefined), new Promise((r) => setTimeout(r, PROGRESS_EVERY_MS).unref())]);
        if (!running) return;
        const errors = await this.execute(job, query, { importId: job.id }, (data: { progress: { done: number } | null }) => {
          const done = data.progress?.done ?? 0;
          if (done > shown && running) {
            shown = done;
            return this.store.update(job.id, { rowsDone: done });
          }
        });
        if (errors) this.log.warn({ importId: job.id, err: errors[0].message }, 'import progress unreadable');
      }
    };
    const following = follow().catch((e: Error) => this.log.warn({ importId: job.id, err: e.message }, 'import progress unreadable'));
    try {
      return await write;
    } finally {
      running = false;
      await following;
    }
  }

  /** The bulk mutation straight to the owning subgraph as the uploader: the subgraph applies their rights. */
  private async write(job: ImportJob, service: string, mutation: string, variables: Record<string, unknown>): Promise<GraphError[]> {
    const { errors } = await writeToSubgraph(
      {
        url: this.target.urlOf(service),
        callerHeader: await signInternalCaller(this.internalSecret, job.caller, '900s'),
        requestId: job.requestId,
        timeoutMs: IMPORT_WRITE_TIMEOUT_MS,
      },
      mutation,
      variables,
    );
    // whatever the answer: dropping the cached answers that read the service is cheap and never wrong
    this.target.written(service);
    return errors;
  }

  /** A small query through the gateway's own graph as the uploader (the write's progress). */
  private async execute<D>(
    job: ImportJob,
    query: string,
    variables: Record<string, unknown>,
    onData?: (data: D) => Promise<void> | undefined,
  ): Promise<GraphError[] | null> {
    const contextValue: GatewayContext = {
      caller: job.caller,
      callerHeader: await signInternalCaller(this.internalSecret, job.caller, '900s'),
      requestId: job.requestId,
      touched: new Set(),
      // the gateway's own operation: the safelist governs what callers send, not this
      internal: true,
    };
    const response = await this.apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('an import mutation answered incrementally');
    const errors = response.body.singleResult.errors as GraphError[] | undefined;
    if (errors?.length) return errors;
    await onData?.(response.body.singleResult.data as D);
    return null;
  }
}
