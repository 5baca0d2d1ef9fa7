/**
 * The bench's output: one row per figure and workload (value, target, pass/fail, baselines'
 * absolute values), printed as a table and written with the machine's description to
 * bench/results.json.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchSettings } from './settings.js';

export interface ResultRow {
  /** e.g. "F1", "F3", "B1". */
  readonly figure: string;
  /** e.g. "N=10 ids given". */
  readonly workload: string;
  /** The figure, formatted: "1.00", "0.93 [0.90–0.97]". */
  readonly value: string;
  /** e.g. "= 1.00", "≥ 0.85"; "—" when only reported. */
  readonly target: string;
  /** null when the figure has no target. */
  readonly pass: boolean | null;
  /** Absolute values behind the figure: baselines and the service's own. */
  readonly baseline: string;
  /** Raw numbers for results.json. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface Machine {
  readonly node: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly platform: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    node: process.version,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform} ${process.arch}`,
  };
}

const COLUMNS = ['figure', 'N / shape', 'value', 'target', 'result', 'baselines (absolute)'];

/** The rows as a fixed-width text table, one line per row. */
export function formatTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((row) => [
    row.figure,
    row.workload,
    row.value,
    row.target,
    row.pass === null ? '—' : row.pass ? 'pass' : 'FAIL',
    row.baseline,
  ]);
  const widths = COLUMNS.map((title, i) =>
    Math.max(title.length, ...cells.map((line) => (line[i] ?? '').length)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  return [render(COLUMNS), rule, ...cells.map(render)].join('\n');
}

export interface RunDescription {
  readonly settings: BenchSettings;
  readonly wallSeconds: number;
  readonly rows: readonly ResultRow[];
}

/** Writes bench/results.json; resolves to its path. */
export async function writeResults(run: RunDescription): Promise<string> {
  const path = fileURLToPath(new URL('./results.json', import.meta.url));
  const { latencySamples, loadSeconds, ...fixed } = run.settings;
  const byN = (f: (n: number) => number) => Object.fromEntries(fixed.sizes.map((n) => [n, f(n)]));
  const settings = {
    ...fixed,
    latencySamplesByN: byN(latencySamples),
    loadSecondsByN: byN(loadSeconds),
  };
  const body = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    settings,
    wallSeconds: Math.round(run.wallSeconds),
    passed: run.rows.filter((row) => row.pass === true).length,
    failed: run.rows.filter((row) => row.pass === false).length,
    table: formatTable(run.rows).split('\n'),
    rows: run.rows,
  };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}
