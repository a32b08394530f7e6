// `npm run bench -- --exchange [--rows 100000]`: the Excel scenarios of docs/imports-exports.md on a
// throwaway platform: a dry run and an import of one .xlsx of members, then an export of twice as
// many as .xlsx, with the wall time of each and the resident memory of the gateway and membership.
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Role } from '@khg/domain';
import { signUserToken } from '@khg/platform';
import { startThrowawayPlatform, takeOverSignals } from '@khg/stack';

interface ImportAnswer {
  id: string;
  status: string;
  rows: number;
  rowsDone: number;
  problems: { row: number; column: string | null; message: string }[];
}

/** Resident memory of a process now and at its peak (Linux /proc), in MB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * Starts a process's peak RSS again from its current RSS (Linux: `5` to /proc/<pid>/clear_refs), so that
 * each scenario's peak is its own, not the most any earlier scenario reached. Where that is refused,
 * the peak stays the process's since it started (said in the report).
 */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples processes' RSS while `action` runs: where each started and the most it reached. */
async function growth<T>(pids: number[], action: () => Promise<T>): Promise<{ result: T; startMb: number[]; maxMb: number[] }> {
  const startMb = pids.map((pid) => memory(pid).rss);
  const maxMb = [...startMb];
  const sample = () => pids.forEach((pid, i) => (maxMb[i] = Math.max(maxMb[i], memory(pid).rss)));
  const timer = setInterval(sample, 100);
  try {
    const result = await action();
    sample();
    return { result, startMb, maxMb };
  } finally {
    clearInterval(timer);
  }
}

/** Waits until the gateway's relay has logged an import's IMPORT_FINISHED; the seconds it took after the import completed. */
async function importRelayed(databaseUrl: string, importId: string): Promise<number> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    for (;;) {
      const { rows } = await client.query(`SELECT 1 FROM events.log WHERE type = 'IMPORT_FINISHED' AND subject_id = $1`, [importId]);
      if (rows.length) return (performance.now() - started) / 1000;
      if (performance.now() - started > 600_000) throw new Error(`the events of ${importId} were not relayed within 10 minutes`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}

async function membersXlsx(path: string, rows: number, tag: string): Promise<void> {
  const { stream } = await import('exceljs');
  const wb = new stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Hội viên');
  ws.addRow(['Họ và tên', 'Giới tính', 'Năm sinh', 'Số điện thoại', 'Ngày vào hội']).commit();
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
  const given = ['Văn An', 'Thị Bình', 'Văn Cường', 'Thị Dung', 'Đức Em', 'Thị Giang', 'Văn Hùng', 'Thị Lan'];
  for (let i = 0; i < rows; i++) {
    ws.addRow([
      `${family[i % 8]} ${given[(i >> 3) % 8]} ${tag}${i}`,
      i % 2 ? 'Nam' : 'Nữ',
      1950 + (i % 50),
      912_000_000 + i, // a number: its leading 0 was lost, as in real files
      43_000 + (i % 1500), // Excel serial dates in 2017–2021
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

export async function runExchangeBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { exchange: { type: 'boolean' }, rows: { type: 'string', default: '100000' } }, strict: false });
  const rows = Number(values.rows);
  const work = mkdtempSync(join(tmpdir(), 'khg-bench-exchange-files-'));
  process.stdout.write(
    `exchange bench: ${rows} rows; ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
  const p = await startThrowawayPlatform({ prefix: 'khg-bench-exchange-', env: { SEED_DEMO: 'false', RESPONSE_CACHE_MB: '0' } });
  takeOverSignals(() => void p.stop());
  const base = p.gatewayUrl.replace(/\/graphql$/, '');
  const token = await signUserToken(p.jwtSecret, { sub: 'bench-admin', role: Role.ADMIN });
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(p.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const gatewayPid = p.platform.gateway.child.pid!;
  const membershipPid = p.platform.subgraphs.membership.child.pid!;
  const results: { scenario: string; seconds: number; detail: string }[] = [];
  try {
    const { createArea } = await gql<{ createArea: { id: string } }>(
      `mutation { createArea(input: { code: "BENCH", name: "Tỉnh Bench", level: PROVINCE }) { id } }`,
    );
    const { createOrganization: org } = await gql<{ createOrganization: { id: string } }>(
      `mutation($a: ID!) { createOrganization(input: { name: "Hội Khuyến học Bench", kind: ASSOCIATION, host: ADMINISTRATIVE, areaId: $a }) { id } }`,
      { a: createArea.id },
    );
    const upload = async (file: string, dryRun: boolean): Promise<ImportAnswer> => {
      const form = new FormData();
      form.append('file', new Blob([readFileSync(file)]), 'hoi-vien.xlsx');
      const res = await fetch(`${base}/imports/members?organizationId=${org.id}&dryRun=${dryRun}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      let answer = (await res.json()) as ImportAnswer;
      while (answer.status === 'VALIDATING' || answer.status === 'IMPORTING') {
        await new Promise((r) => setTimeout(r, 250)); // polling the import's progress, as a client does
        // a reused keep-alive socket the gateway closed meanwhile (a slow timer on a loaded machine): ask again
        const res = await fetch(`${base}/imports/${answer.id}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
        if (res) answer = (await res.json()) as ImportAnswer;
      }
      return answer;
    };
    const mb = (n: number) => `${n.toFixed(0)} MB`;
    // the gateway's live heap (its /metrics): tells objects still held from heap V8 has not given back
    const gatewayHeap = async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return Number(/^nodejs_heap_size_used_bytes (\d+)/m.exec(text)?.[1] ?? NaN) / 1e6;
    };
    for (const [tag, dry] of [
      ['A', true],
      ['A', false],
      ['B', false],
    ] as const) {
      const file = join(work, `members-${tag}.xlsx`);
      if (!dry || tag === 'A') await membersXlsx(file, rows, tag);
      const ownPeaks = [gatewayPid, membershipPid].map(resetPeak).every(Boolean);
      const started = performance.now();
      const answer = await upload(file, dry);
      const seconds = (performance.now() - started) / 1000;
      if (answer.status !== (dry ? 'VALIDATED' : 'COMPLETED')) throw new Error(`import ended ${answer.status}: ${JSON.stringify(answer.problems.slice(0, 3))}`);
      // The gateway's work for an import ends when its relay has put the rows' events in the event
      // log (IMPORT_FINISHED is the last of them): its memory peak counts that part too.
      const relayed = dry ? null : await importRelayed(p.db.url, answer.id);
      results.push({
        scenario: `${dry ? 'dry run' : 'import'} of ${rows} members (.xlsx ${(statSync(file).size / 1e6).toFixed(1)} MB)${relayed === null ? '' : `, its events in the log ${relayed.toFixed(1)} s later`}`,
        seconds,
        detail: `peak RSS ${ownPeaks ? 'during it' : 'since start'}: gateway ${mb(memory(gatewayPid).peak)}, membership ${mb(memory(membershipPid).peak)}; after it: gateway ${mb(memory(gatewayPid).rss)} (heap used ${mb(await gatewayHeap())}), membership ${mb(memory(membershipPid).rss)}`,
      });
      process.stdout.write(`  ${results.at(-1)!.scenario}: ${seconds.toFixed(1)} s, ${results.at(-1)!.detail}\n`);
    }
    const { export: link } = await gql<{ export: { url: string } }>(`query($o: ID!) { export(kind: MEMBERS, format: XLSX, organizationId: $o) { url } }`, {
      o: org.id,
    });
    const out = join(work, 'export.xlsx');
    const started = performance.now();
    const { startMb, maxMb } = await growth([gatewayPid, membershipPid], async () => {
      const res = await fetch(link.url);
      if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
      const file = createWriteStream(out);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) file.write(chunk);
      await new Promise((r) => file.end(r));
    });
    const seconds = (performance.now() - started) / 1000;
    results.push({
      scenario: `export of ${2 * rows} members as .xlsx (${(statSync(out).size / 1e6).toFixed(1)} MB)`,
      seconds,
      detail: ['gateway', 'membership']
        .map((name, i) => `${name} RSS ${mb(startMb[i])} → at most ${mb(maxMb[i])} (growth ${mb(maxMb[i] - startMb[i])})`)
        .join('; '),
    });
    process.stdout.write(`  ${results.at(-1)!.scenario}: ${seconds.toFixed(1)} s, ${results.at(-1)!.detail}\n`);
    process.stdout.write(
      `\n| scenario | seconds | memory |\n|---|---|---|\n${results.map((r) => `| ${r.scenario} | ${r.seconds.toFixed(1)} | ${r.detail} |`).join('\n')}\n`,
    );
    process.stdout.write(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
  } catch (e) {
    // the platform's own account of what went wrong, before its directory goes
    process.stderr.write(`${readFileSync(p.logFile, 'utf8').slice(-6000)}\n`);
    throw e;
  } finally {
    await p.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
