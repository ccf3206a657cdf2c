/**
 * The examples run with either CLI: `cdktf synth` (cdktf-cli) and `cdktn synth`
 * (cdktn-cli, CDK Terrain's, which needs Node 22: tools/with-node22.js) read the same
 * cdktf.json and write the same stacks. No Terraform here.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.resolve(__dirname, '..', '..');

function binOf(cliPackage: string): string {
  const manifest = require.resolve(`${cliPackage}/package.json`, { paths: [ROOT] });
  const bin = JSON.parse(fs.readFileSync(manifest, 'utf8')).bin;
  return path.join(path.dirname(manifest), Object.values<string>(bin)[0]);
}

/** Runs `<cli> synth --output <dir>` with `node` (a path to a Node binary, or with-node22). */
async function synth(cliPackage: string, node: string[]): Promise<string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `${cliPackage}-synth-`));
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' };
  delete env.AWS_REGION;
  await promisify(execFile)(node[0], [...node.slice(1), binOf(cliPackage), 'synth', '--output', outdir], {
    cwd: ROOT, env, timeout: 240_000, maxBuffer: 64 * 1024 * 1024,
  });
  return outdir;
}

function stacksIn(outdir: string): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return Object.fromEntries(Object.keys(manifest.stacks).sort().map((name) =>
    [name, JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'))]));
}

let cdktf: string;
let cdktn: string;

beforeAll(async () => {
  [cdktf, cdktn] = await Promise.all([
    synth('cdktf-cli', [process.execPath]),
    synth('cdktn-cli', [process.execPath, path.join(ROOT, 'tools', 'with-node22.js')]),
  ]);
}, 300_000);

afterAll(() => {
  for (const dir of [cdktf, cdktn]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('cdktf synth and cdktn synth write the same example stacks (equal cdk.tf.json for each)', () => {
  const fromCdktf = stacksIn(cdktf);
  expect(Object.keys(fromCdktf).length).toBeGreaterThanOrEqual(6);
  expect(Object.keys(fromCdktf)).toContain('pinned-cmk');
  expect(stacksIn(cdktn)).toEqual(fromCdktf);
});
