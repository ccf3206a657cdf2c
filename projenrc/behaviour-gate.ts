/**
 * The behaviour gate: what a release changes in the Terraform its users deploy. The
 * examples of the last release tag are synthesized twice, with the tag's library and
 * with this checkout's (its src/ in place of the tag's), in the same environment, and the
 * two outputs compared (behaviour-diff.ts). The tag's examples on both sides, so that the
 * comparison is what a user sees who upgrades without changing their code: an example
 * edited since the tag neither hides a changed default nor shows one that is not there.
 *
 * - Any behaviour change needs the release's changelog section (CHANGELOG.md, which is
 *   also the GitHub release's notes) to say so: a `### Behaviour changes` (or BREAKING
 *   CHANGES) heading with at least one item.
 * - A loosening, a destroy or replace, or examples that no longer synthesize need a new
 *   major version.
 *
 * Usage: ts-node projenrc/behaviour-gate.ts [version]   (default: dist/version.txt, as bump writes it)
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { latestReleaseTag, mayBreak, releaseVersion } from './api-compat';
import { BehaviourChange, behaviourChanges, formatChange, needsMajor, normalizeStack, SynthesizedApp } from './behaviour-diff';

// The one definition of a version's changelog section, shared with the release workflow.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const releaseChangelog: { sectionOf(changelog: string, version: string): string | undefined } = require('../tools/release-changelog.js');

const ROOT = path.resolve(__dirname, '..');

/**
 * The environment both sides are synthesized in: the variables the examples read are
 * fixed, whatever this machine has set (AWS_REGION, REPLICA_REGION, LAB_*).
 */
export const EXAMPLES_ENV: Record<string, string> = { AWS_REGION: 'us-east-1', REPLICA_REGION: 'us-west-2' };

/**
 * Further settings the examples are synthesized with, each a second pass: the adoption
 * example's second deploy (README, "Bring existing resources under the library"). Only
 * the stacks a setting changes are compared again, named `<stack>[<setting>]`.
 */
export const EXAMPLE_VARIANTS: ReadonlyArray<Record<string, string>> = [{ LAB_TIGHTEN: 'true' }];
const DROPPED_ENV = /^(AWS_|LAB_|REPLICA_|CDKTF_|TF_VAR_)/;

/**
 * Synthesizes the app `dir`'s cdktf.json names, as `cdktf synth` runs it (CDKTF_OUTDIR,
 * the context), into a temp directory, and returns each stack's cdk.tf.json.
 */
export async function synthesizeApp(dir: string, variant: Record<string, string> = {}): Promise<SynthesizedApp> {
  const cdktfJson = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.json'), 'utf8'));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'behaviour-synth-'));
  try {
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !DROPPED_ENV.test(key)));
    Object.assign(env, EXAMPLES_ENV, variant, {
      CDKTF_OUTDIR: outdir,
      CDKTF_CONTEXT_JSON: JSON.stringify({ ...cdktfJson.context, cdktfRelativeModules: [] }),
      SYNTH_HCL_OUTPUT: 'false',
      CHECKPOINT_DISABLE: '1',
    });
    try {
      await promisify(execFile)(cdktfJson.app, { cwd: dir, env, shell: true, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    } catch (error: any) {
      throw new Error(`${cdktfJson.app} failed in ${path.basename(dir)}:\n${`${error.stdout ?? ''}${error.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n')}`);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    return Object.fromEntries(Object.entries(manifest.stacks as Record<string, any>).map(([name, stack]) =>
      [name, JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'))]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** `tag`'s tree in `dir`, beside this checkout's node_modules. */
function extract(repo: string, tag: string, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-C', dir], { input: execFileSync('git', ['archive', '--format=tar', tag], { cwd: repo, maxBuffer: 256 * 1024 * 1024 }) });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/**
 * The differences between `tag`'s examples synthesized with `tag`'s library and with the
 * library in `checkout` (its src/); undefined when the tag has no examples app.
 */
export async function changesSince(repo: string, tag: string, checkout: string): Promise<BehaviourChange[] | undefined> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'behaviour-gate-'));
  try {
    const [released, upgraded] = [path.join(work, 'released'), path.join(work, 'upgraded')];
    extract(repo, tag, released);
    if (!fs.existsSync(path.join(released, 'cdktf.json'))) return undefined;
    extract(repo, tag, upgraded);
    fs.rmSync(path.join(upgraded, 'src'), { recursive: true, force: true });
    fs.cpSync(path.join(checkout, 'src'), path.join(upgraded, 'src'), { recursive: true });
    // Side by side: each is a Node process compiling the library and examples.
    const variants = [{}, ...EXAMPLE_VARIANTS];
    const runs = await Promise.allSettled(variants.flatMap((variant) => [synthesizeApp(released, variant), synthesizeApp(upgraded, variant)]));
    const before: SynthesizedApp = {};
    const after: SynthesizedApp = {};
    const failed: BehaviourChange[] = [];
    variants.forEach((variant, i) => {
      const [was, is] = [runs[2 * i], runs[2 * i + 1]];
      const label = Object.entries(variant).map(([key, value]) => `${key}=${value}`).join(',');
      if (was.status === 'rejected') {
        throw new Error(`behaviour: the examples of ${tag} do not synthesize with ${tag}'s own library (and this checkout's node_modules)${label ? ` with ${label}` : ''}, so there is nothing to compare with: ${was.reason.message}`);
      }
      if (is.status === 'rejected') {
        // The first failure says it: the other passes fail the same way, as a rule.
        if (failed.length === 0) {
          failed.push({ stack: '(app)', address: 'examples', what: `the examples of ${tag} no longer synthesize${label ? ` with ${label}` : ''}: ${is.reason.message}`, kind: 'no-synth' });
        }
        return;
      }
      const base = runs[0].status === 'fulfilled' ? runs[0].value : {};
      for (const [stack, json] of Object.entries(was.value)) {
        // A variant's stack counts again only where the setting changes what the tag renders.
        if (label && JSON.stringify(normalizeStack(json)) === JSON.stringify(normalizeStack(base[stack]))) continue;
        const name = label ? `${stack}[${label}]` : stack;
        before[name] = json;
        after[name] = is.value[stack];
      }
    });
    return failed.length > 0 ? failed : behaviourChanges(before, after);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Whether release notes say the behaviour changed: a heading naming behaviour changes
 * (or breaking changes) with at least one list item under it.
 */
export function saysBehaviourChanges(notes: string): boolean {
  const lines = notes.split('\n');
  return lines.some((line, i) => {
    if (!/^#{2,6}\s.*\b(behaviou?r changes?|breaking changes?)\b/i.test(line)) return false;
    const next = lines.findIndex((l, j) => j > i && /^#{1,6}\s/.test(l));
    return lines.slice(i + 1, next === -1 ? undefined : next).some((l) => /^\s*[*-]\s+\S/.test(l));
  });
}

/** The gate's verdict: undefined when release `next` may ship `changes`, else why not. */
export function behaviourProblem(previous: string, next: string, changes: readonly BehaviourChange[], notes: string): string | undefined {
  if (changes.length === 0) return undefined;
  const problems: string[] = [];
  const major = changes.filter(needsMajor);
  if (major.length > 0 && !mayBreak(previous, next)) {
    problems.push(
      `${next} loosens a policy or protection, replaces or destroys a resource, or fails to synthesize what ${previous} synthesized, and is not a new major version:`,
      ...major.map((c) => `  - ${formatChange(c)}`),
      'Keep the old behaviour by default (a new opt-in prop), or release a new major version: raise majorVersion in .projenrc.ts',
      'and mark the commit with a BREAKING CHANGE footer that says what changes for users.',
    );
  }
  if (!saysBehaviourChanges(notes)) {
    problems.push(
      `${next} renders the examples of ${previous} differently, and its changelog section does not say so:`,
      ...changes.map((c) => `  - ${formatChange(c)}`),
      `Write the section ahead in CHANGELOG.md, headed \`## ${next} (unreleased)\`, with a \`### Behaviour changes\` list`,
      'saying what users will see change on their next plan (a BREAKING CHANGE footer does this for a major).',
    );
  }
  return problems.length === 0 ? undefined : problems.join('\n');
}

/** Options of `checkBehaviour`. */
export interface BehaviourOptions {
  /** Pass a shallow clone, comparing nothing, instead of failing (a rehearsal may; the release must not). Default: false. */
  readonly allowShallow?: boolean;
}

/**
 * Runs the gate for `version`, whose changelog section is in `checkout`'s CHANGELOG.md
 * (release:changelog has run), against the last release tag of `repo`. Throws when it fails.
 */
export async function checkBehaviour(repo: string, checkout: string, version: string, options: BehaviourOptions = {}): Promise<string> {
  const shallow = execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: repo, encoding: 'utf8' }).trim() === 'true';
  if (shallow) {
    if (!options.allowShallow) throw new Error('behaviour: shallow clone: fetch the full history and tags (git fetch --unshallow --tags) and run it again');
    return `behaviour: compared nothing for ${version}: this is a shallow clone, whose tags may be missing`;
  }
  const tag = latestReleaseTag(repo);
  if (tag === undefined) return `behaviour: compared nothing: no earlier release (no v<version> tag reachable from HEAD) to compare ${version} with`;
  const changes = await changesSince(repo, tag, checkout);
  if (changes === undefined) return `behaviour: compared nothing: ${tag} has no cdktf.json app to synthesize`;
  if (changes.length > 0 && tag === `v${version}`) {
    // No releasable commit since the tag: nothing ships now; the next release is judged on these.
    return [`behaviour: nothing to release (${version} is ${tag}); the next release changes what the examples of ${tag} render:`, ...changes.map((c) => `  - ${formatChange(c)}`)].join('\n');
  }
  const notes = releaseChangelog.sectionOf(fs.readFileSync(path.join(checkout, 'CHANGELOG.md'), 'utf8'), version) ?? '';
  const problem = behaviourProblem(tag.slice(1), version, changes, notes);
  if (problem) throw new Error(problem);
  if (changes.length === 0) return `behaviour: ${version} renders the examples of ${tag} as ${tag} does`;
  return [`behaviour: ${version} changes what the examples of ${tag} render, and says so:`, ...changes.map((c) => `  - ${formatChange(c)}`)].join('\n');
}

if (require.main === module) {
  const version = releaseVersion();
  if (version === undefined) {
    console.log('behaviour: no dist/version.txt (bump found nothing to release): nothing to compare');
    process.exit(0);
  }
  checkBehaviour(process.cwd(), process.cwd(), version).then(console.log, (error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
