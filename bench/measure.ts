// Spawns one benchmark case per run in a fresh process and measures it.
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';

/** One run of one case. */
export interface Sample {
  /** Wall time of the whole process, spawn to exit, measured by this (parent) process. */
  readonly wallMs: number;
  /** Peak RSS of the process in MB (GNU time's %M, else the child's own maxRSS). */
  readonly rssMb: number | null;
  /** What the child reported on its `BENCH {...}` line: phase timings, counts. */
  readonly child: Record<string, number>;
  /** Set when the process failed and `allowFailure` was given. */
  readonly exitCode?: number | string;
}

export interface Case {
  readonly name: string;
  /** argv; run as-is (wrapped in GNU time when available). */
  readonly command: string[];
}

export interface Result {
  readonly name: string;
  readonly command: string;
  readonly warmup: number;
  readonly samples: Sample[];
  readonly median: { wallMs: number; rssMb: number | null; child: Record<string, number> };
}

const GNU_TIME = '/usr/bin/time';
/** GNU time exists and works (`/usr/bin/time -f %M` prints peak RSS in KB). */
export const HAS_GNU_TIME = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;
const RSS_MARK = 'BENCH_MAX_RSS_KB=';

/** Runs `command` once and returns its wall time, peak RSS and BENCH report. */
export function runOnce(command: string[], options: { env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {}): Sample {
  const argv = HAS_GNU_TIME ? [GNU_TIME, '-f', `${RSS_MARK}%M`, ...command] : command;
  const start = process.hrtime.bigint();
  const proc = spawnSync(argv[0], argv.slice(1), {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...options.env },
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (proc.status !== 0 && !options.allowFailure) {
    throw new Error(`${command.join(' ')} exited with ${proc.status ?? proc.signal}:\n${proc.stdout}\n${proc.stderr}`);
  }
  const childLine = proc.stdout.split('\n').reverse().find((line) => line.startsWith('BENCH '));
  const child: Record<string, number> = childLine ? JSON.parse(childLine.slice(6)) : {};
  const rssLine = proc.stderr.split('\n').reverse().find((line) => line.startsWith(RSS_MARK));
  const rssKb = rssLine ? Number(rssLine.slice(RSS_MARK.length)) : child.maxRssKb;
  const failed = proc.status !== 0 ? { exitCode: proc.status ?? String(proc.signal) } : {};
  return { wallMs, rssMb: rssKb === undefined ? null : rssKb / 1024, child, ...failed };
}

/**
 * Measures cases that are compared with each other: one warm-up run each, then `runs`
 * rounds in which every case runs once, so drift in machine load hits all cases alike.
 */
export function measureGroup(cases: Case[], runs: number, warmup = 1, log = progress): Result[] {
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
  for (let round = -warmup; round < runs; round++) {
    for (const c of cases) {
      const sample = runOnce(c.command);
      log(`${round < 0 ? 'warm-up' : `run ${round + 1}/${runs}`} ${c.name}: ${sample.wallMs.toFixed(0)} ms`);
      if (round >= 0) samples.get(c.name)!.push(sample);
    }
  }
  return cases.map((c) => summarize(c, samples.get(c.name)!, warmup));
}

export function summarize(c: Case, samples: Sample[], warmup: number): Result {
  const childKeys = Object.keys(samples[0]?.child ?? {});
  const rss = samples.map((s) => s.rssMb).filter((v): v is number => v !== null);
  return {
    name: c.name,
    command: c.command.join(' '),
    warmup,
    samples,
    median: {
      wallMs: median(samples.map((s) => s.wallMs)),
      rssMb: rss.length ? median(rss) : null,
      child: Object.fromEntries(childKeys.map((k) => [k, median(samples.map((s) => s.child[k]))])),
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}
