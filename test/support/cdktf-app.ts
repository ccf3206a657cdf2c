/**
 * Test support for the deploy tier: an app run with the real cdktf CLI (`cdktf deploy`,
 * `cdktf destroy`), as a user runs it, against the emulator.
 *
 * A project directory holds a cdktf.json whose app is an `examples/main.ts` (this
 * checkout's, or another commit's: see projenrc/upgrade-gate.ts), run through ts-node
 * with local-endpoint-preload.ts, which adds README's "Rehearse a deploy locally" aspect
 * to the app. The CLI's local backend keeps each stack's state in that directory
 * (`terraform.<stack>.tfstate`), so later plans of the same stacks read the same state.
 */
import * as fs from 'fs';
import * as path from 'path';
import { emulatorEnv, EMULATOR_REGION, run, RunResult } from './moto';
import { terraformEnv, terraformVersion } from './terraform-cli';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI_TIMEOUT_MS = 15 * 60_000;

export interface CdktfProject {
  readonly dir: string;
  readonly endpoint: string;
  readonly region: string;
  /** Variables the app reads (REPLICA_REGION, LAB_*). */
  readonly env: Record<string, string>;
}

/**
 * A project in `dir` whose app is `mainTs` (an examples/main.ts), against the emulator at
 * `endpoint`, in `region`.
 */
export function cdktfProject(dir: string, mainTs: string, opts: { endpoint: string; region?: string; env?: Record<string, string> }): CdktfProject {
  fs.mkdirSync(dir, { recursive: true });
  const tsNode = require.resolve('ts-node/register/transpile-only', { paths: [ROOT] });
  const preload = path.join(__dirname, 'local-endpoint-preload.ts');
  const app = ['node', '-r', tsNode, '-r', preload, mainTs].map((a) => JSON.stringify(a)).join(' ');
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({
    language: 'typescript', app, projectId: 'cdktf-encrypted-s3-deploy-tier', sendCrashReports: 'false', terraformProviders: [], context: {},
  }, undefined, 2));
  return { dir, endpoint: opts.endpoint, region: opts.region ?? EMULATOR_REGION, env: opts.env ?? {} };
}

function cdktfBin(): string {
  const manifest = require.resolve('cdktf-cli/package.json', { paths: [ROOT] });
  const bin = JSON.parse(fs.readFileSync(manifest, 'utf8')).bin;
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.cdktf);
}

/**
 * Runs `cdktf <args>` in the project with the emulator's environment, as a user would
 * after README's "Rehearse a deploy locally": AWS_ENDPOINT_URL, fake credentials, the
 * region. Throws on failure unless `allowFailure`.
 */
export async function cdktf(project: CdktfProject, args: string[], opts: { allowFailure?: boolean } = {}): Promise<RunResult> {
  terraformVersion();
  const env = {
    ...emulatorEnv(project.endpoint, terraformEnv(), project.region),
    ...project.env,
    TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'),
    // A baseline's examples live under node_modules/.cache (projenrc/upgrade-gate.ts).
    TS_NODE_SKIP_IGNORE: 'true',
    CI: 'true',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  };
  return run(process.execPath, [cdktfBin(), ...args], { cwd: project.dir, env, timeoutMs: CLI_TIMEOUT_MS, allowFailure: opts.allowFailure });
}

/** The state file the CLI's local backend writes for `stack`. */
export function cliStatePath(project: CdktfProject, stack: string): string {
  return path.join(project.dir, `terraform.${stack}.tfstate`);
}

/** The directory `cdktf synth` wrote `stack` into. */
export function cliStackDir(project: CdktfProject, stack: string): string {
  return path.join(project.dir, 'cdktf.out', 'stacks', stack);
}
