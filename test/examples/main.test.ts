/**
 * examples/main.ts run the way `cdktf synth` runs it: the `app` command of cdktf.json,
 * in the project directory, with the environment cdktf-cli gives it (CDKTF_OUTDIR is
 * where the App writes; see `App`'s constructor in cdktf and `SynthStack.synth` in
 * @cdktf/cli-core). No Terraform here.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.resolve(__dirname, '..', '..');
const STACKS = ['access-logs', 'adopt-console-lab', 'backup-vault', 'default-encryption', 'managed-cmk', 'pinned-cmk', 'replication', 'require-sse-kms', 'sse-s3-https-only'];

interface Synthesized {
  readonly outdir: string;
  readonly manifest: any;
}

/**
 * Runs cdktf.json's `app` command with `CDKTF_OUTDIR` set to a fresh directory, and
 * `AWS_REGION` set to `region` or removed when undefined.
 */
async function synthesizeExamples(region: string | undefined): Promise<Synthesized> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-examples-'));
  const cdktfJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8'));
  // cdktf-cli drops TF_VAR_* from the synth environment.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TF_VAR_')));
  delete env.AWS_REGION;
  delete env.CDKTF_TARGET_STACK_ID;
  Object.assign(env, {
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true',
    CDKTF_CONTEXT_JSON: JSON.stringify({ ...cdktfJson.context, cdktfRelativeModules: [] }),
    SYNTH_HCL_OUTPUT: 'false',
    ...(region === undefined ? {} : { AWS_REGION: region }),
  });
  await promisify(execFile)(cdktfJson.app, { cwd: ROOT, env, shell: true, timeout: 150_000, maxBuffer: 64 * 1024 * 1024 });
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return { outdir, manifest };
}

const stackJson = ({ outdir }: Synthesized, name: string) =>
  JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));

let byDefault: Synthesized;
let euWest1: Synthesized;

beforeAll(async () => {
  [byDefault, euWest1] = await Promise.all([synthesizeExamples(undefined), synthesizeExamples('eu-west-1')]);
}, 170_000);

afterAll(() => {
  for (const run of [byDefault, euWest1]) if (run) fs.rmSync(run.outdir, { recursive: true, force: true });
});

test('cdktf.json runs examples/main.ts with ts-node', () => {
  const cdktfJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8'));
  expect(cdktfJson.app).toBe('npx ts-node --transpile-only -P tsconfig.dev.json examples/main.ts');
});

test('synthesizes exactly the eight stacks into CDKTF_OUTDIR, without error annotations', () => {
  for (const run of [byDefault, euWest1]) {
    expect(Object.keys(run.manifest.stacks).sort()).toEqual(STACKS);
    expect(fs.readdirSync(path.join(run.outdir, 'stacks')).sort()).toEqual(STACKS);
    for (const name of STACKS) {
      expect(run.manifest.stacks[name].synthesizedStackPath).toBe(`stacks/${name}/cdk.tf.json`);
      expect(fs.existsSync(path.join(run.outdir, 'stacks', name, 'cdk.tf.json'))).toBe(true);
      const errors = run.manifest.stacks[name].annotations.filter((a: any) => a.level === '@cdktf/error');
      expect(errors).toEqual([]);
    }
  }
});

/** The stacks with one AWS provider; `replication` and `backup-vault` have two aliases. */
const SINGLE_REGION = STACKS.filter((name) => name !== 'replication' && name !== 'backup-vault');

test.each(SINGLE_REGION)('%s: the AWS provider deploys to us-east-1 when AWS_REGION is unset', (name) => {
  expect(stackJson(byDefault, name).provider.aws).toEqual([{ region: 'us-east-1' }]);
});

test.each(SINGLE_REGION)('%s: the AWS provider deploys to AWS_REGION', (name) => {
  expect(stackJson(euWest1, name).provider.aws).toEqual([{ region: 'eu-west-1' }]);
});

test.each(['replication', 'backup-vault'])('%s: the source alias deploys to AWS_REGION (us-east-1 when unset), the replica alias to us-west-2', (name) => {
  expect(stackJson(byDefault, name).provider.aws).toEqual([
    { alias: 'source', region: 'us-east-1' },
    { alias: 'replica', region: 'us-west-2' },
  ]);
  expect(stackJson(euWest1, name).provider.aws[0]).toEqual({ alias: 'source', region: 'eu-west-1' });
});
