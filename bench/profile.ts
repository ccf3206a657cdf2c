// CPU-profiles a case with `node --cpu-prof` and summarizes where the time goes.
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface ProfileSummary {
  readonly name: string;
  readonly totalMs: number;
  /** Time spent in the function itself, by `file:function:line`. */
  readonly self: Array<[string, number]>;
  /** Time with the function anywhere on the stack (counted once per sample). */
  readonly inclusive: Array<[string, number]>;
  /** Self time by package, node internals charged to the package that called them. */
  readonly byPackage: Array<[string, number]>;
  /** The library's own functions (files in lib/): self time, and inclusive time (what they cause in cdktf). */
  readonly library: { self: Array<[string, number]>; inclusive: Array<[string, number]> };
}

const ROOT = join(__dirname, '..');

/** Runs `node --cpu-prof script ...args` and summarizes the profile. */
export function profile(name: string, script: string, args: string[], top = 12): ProfileSummary {
  const dir = mkdtempSync(join(tmpdir(), 'bench-prof-'));
  try {
    const proc = spawnSync('node', ['--cpu-prof', '--cpu-prof-dir', dir, script, ...args], {
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    if (proc.status !== 0) throw new Error(`profiling ${name} failed:\n${proc.stderr}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
    return summarize(name, JSON.parse(readFileSync(join(dir, file), 'utf8')), top);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarize(name: string, prof: CpuProfile, top: number): ProfileSummary {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let totalMs = 0;
  prof.samples.forEach((id, i) => {
    const ms = (prof.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(id)!;
    add(self, label(leaf), ms);
    add(byPackage, packageOf(id, byId, parent), ms);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const key = label(byId.get(n)!);
      if (!seen.has(key)) { seen.add(key); add(inclusive, key, ms); }
    }
  });
  const sorted = (m: Map<string, number>, skip = (_: string) => false) =>
    [...m].filter(([k]) => !skip(k)).sort((a, b) => b[1] - a[1]).slice(0, top);
  // The entry chain (root, main module, module loader) is on every stack; leave it out.
  const boring = (k: string) => k.startsWith('(') || /^(node:|bench\/cases\/synth-harness)/.test(k) || k.includes(':(anonymous)');
  const notLibrary = (k: string) => !k.startsWith('lib/');
  return {
    name,
    totalMs,
    self: sorted(self),
    inclusive: sorted(inclusive, boring),
    byPackage: sorted(byPackage),
    library: { self: sorted(self, notLibrary), inclusive: sorted(inclusive, (k) => notLibrary(k) || k.includes(':(anonymous)')) },
  };
}

function label(n: ProfileNode): string {
  const { functionName, url, lineNumber } = n.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `(${functionName || 'anonymous'})`;
  const file = url.startsWith('file://') ? relative(ROOT, url.slice(7)).replace(/^node_modules\//, '') : url;
  return `${file}:${functionName || '(anonymous)'}:${lineNumber + 1}`;
}

/**
 * The package a sample is charged to: that of the nearest frame outside node's internals,
 * so module loading (compile, fs) is charged to the package whose `require` caused it.
 * Bundled dependencies count as their bundler (cdktf/node_modules/lodash is cdktf).
 */
function packageOf(id: number, byId: Map<number, ProfileNode>, parent: Map<number, number>): string {
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const { url, functionName } = byId.get(n)!.callFrame;
    if (!url && n === id && functionName.startsWith('(')) return functionName; // (garbage collector), (idle), (program)
    if (!url || url.startsWith('node:')) continue;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    return m ? m[1] : relative(ROOT, url.replace(/^file:\/\//, '')).split('/')[0] + '/';
  }
  return 'node internals';
}

export function formatProfile(p: ProfileSummary): string {
  const rows = (title: string, entries: Array<[string, number]>) => [
    `  ${title}`,
    ...entries.map(([k, ms]) => `    ${ms.toFixed(0).padStart(6)} ms ${(100 * ms / p.totalMs).toFixed(1).padStart(5)}%  ${k}`),
  ];
  return [
    `Profile ${p.name}: ${p.totalMs.toFixed(0)} ms sampled`,
    ...rows('time by package (node internals charged to their caller):', p.byPackage.slice(0, 6)),
    ...rows('top self time (file:function:line):', p.self),
    ...rows('top inclusive time:', p.inclusive),
    ...(p.library.self.length ? [
      ...rows('library (lib/) functions, self time:', p.library.self),
      ...rows('library (lib/) functions, inclusive time (incl. the cdktf work they call):', p.library.inclusive),
    ] : []),
  ].join('\n');
}
