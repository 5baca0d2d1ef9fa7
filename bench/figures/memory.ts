/**
 * F6, memory: resident memory per cache entry after caching 10,000 users × 20 accounts, measured
 * in a fresh child process (memory-child.ts) so the rest of the bench does not blur it; and the
 * bound the cache reports through `stats()`, shown holding when filled past it.
 */
import { fork } from 'node:child_process';
import type { BenchContext } from '../bench-context.js';
import type { ResultRow } from '../report.js';
import type { MemoryReport } from './memory-child.js';

/** The service's default CACHE_MAX_ENTRIES, for the projection in the row. */
const DEFAULT_MAX_ENTRIES = 200_000;

/** Measures F6; rejects when the child fails. */
export async function measureMemory(context: BenchContext): Promise<ResultRow> {
  const users = context.settings.memoryUsers;
  context.progress(`F6 ${users} users × 20 accounts`);
  const report = await runChild(users);
  const perEntry = report.rssBytes / report.entries;
  const bounded =
    report.afterOverfill.entries <= report.maxEntries && report.afterOverfill.evictions > 0;
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return {
    figure: 'F6',
    workload: `${users} users × 20 accounts`,
    value: `${Math.round(perEntry)} B/entry RSS (${Math.round(report.heapBytes / report.entries)} B heap)`,
    target: 'reported; bounded',
    pass: bounded,
    baseline: `${report.entries} entries, RSS +${mib(report.rssBytes)}; stats().maxEntries ${report.maxEntries}, ${report.afterOverfill.users} users → ${report.afterOverfill.entries} entries, ${report.afterOverfill.evictions} evicted; default bound ${DEFAULT_MAX_ENTRIES} ≈ ${mib(perEntry * DEFAULT_MAX_ENTRIES)}`,
    data: { ...report, rssBytesPerEntry: perEntry },
  };
}

function runChild(users: number): Promise<MemoryReport> {
  const child = fork(new URL('./memory-child.ts', import.meta.url), [String(users)], {
    execArgv: [...process.execArgv, '--expose-gc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message: MemoryReport | { error: string }) => {
      if ('error' in message) reject(new Error(`F6 child failed: ${message.error}`));
      else resolve(message);
    });
    child.once('exit', (code) =>
      reject(new Error(`F6 child exited with code ${code} before reporting.`)),
    );
  });
}
