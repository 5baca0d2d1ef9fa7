/**
 * `npm run bench`: how close the service comes to the least upstream work the Ads API allows,
 * and how much it adds on top, as ratios against baselines measured in the same run. See
 * /work/shared/benchmark.md for the figures; BENCH_QUICK=1 runs a reduced set, BENCH_LATENCY_MS
 * sets the sandbox's injected latency. Prints the table and writes bench/results.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../src/sandbox/index.js';
import { createHelloApp, createMemoryApp } from './baselines.js';
import type { BenchContext } from './bench-context.js';
import { writeBenchPersonas } from './bench-personas.js';
import { measureCriticalPath } from './figures/critical-path.js';
import { measureDegraded } from './figures/degraded.js';
import { measureMemory } from './figures/memory.js';
import { measureUpstreamCalls } from './figures/upstream-calls.js';
import { measureWarm } from './figures/warm.js';
import { closeServer, listen, originOf, startBenchSandbox, startService } from './harness.js';
import { startLoadGenerator } from './load.js';
import type { PreparedFacts } from './memory-reader.js';
import { describeMachine, formatTable, writeResults, type ResultRow } from './report.js';
import { ALL_SIZES, readSettings, type BenchSettings } from './settings.js';

const startedAt = performance.now();

/** A progress line on stderr with the seconds since start. */
function progress(line: string): void {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(0).padStart(3);
  process.stderr.write(`bench ${seconds}s: ${line}\n`);
}

async function withContext<T>(
  settings: BenchSettings,
  sandbox: Sandbox,
  body: (context: BenchContext) => Promise<T>,
): Promise<T> {
  const sut = await startService(sandbox);
  const facts = new Map<string, PreparedFacts>();
  const memoryApp = createMemoryApp(sut.services, (user) => facts.get(user));
  const helloApp = createHelloApp();
  const [memoryServer, helloServer] = await Promise.all([listen(memoryApp), listen(helloApp)]);
  const load = startLoadGenerator();
  try {
    return await body({
      settings,
      sandbox,
      sut,
      hello: { app: helloApp, origin: originOf(helloServer) },
      memory: { app: memoryApp, origin: originOf(memoryServer), facts },
      load,
      progress,
    });
  } finally {
    load.close();
    await Promise.all([closeServer(memoryServer), closeServer(helloServer)]);
    await sut.close();
  }
}

async function measureAll(context: BenchContext): Promise<ResultRow[]> {
  const rows = await measureUpstreamCalls(context);
  rows.push(...(await measureCriticalPath(context)));
  rows.push(...(await measureWarm(context)));
  rows.push(...(await measureDegraded(context)));
  rows.push(await measureMemory(context));
  return rows;
}

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const machine = describeMachine();
  progress(
    `${settings.quick ? 'quick' : 'full'} run; R = ${settings.latency.baseMs} ± ${settings.latency.jitterMs} ms; ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'x-ads-access-bench-personas-'));
  try {
    const personasFile = await writeBenchPersonas(dir, ALL_SIZES);
    const sandbox = await startBenchSandbox({ personasFile, latency: settings.latency });
    try {
      const rows = await withContext(settings, sandbox, measureAll);
      const wallSeconds = (performance.now() - startedAt) / 1000;
      process.stdout.write(`${formatTable(rows)}\n`);
      const path = await writeResults({ settings, wallSeconds, rows });
      const failed = rows.filter((row) => row.pass === false).length;
      progress(
        `${rows.length} rows, ${failed} failing; wall time ${wallSeconds.toFixed(0)} s; wrote ${path}`,
      );
    } finally {
      await sandbox.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
