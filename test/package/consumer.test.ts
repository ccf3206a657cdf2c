/**
 * What users do: pack the library, install the tarball into a fresh cdktf app outside
 * this repository, and synthesize a stack that uses it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const VERSIONS = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies;

let workDir: string;
let tarball: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
    throw new Error('lib/ is missing: run `npx projen compile` (npm test does) before this test');
  }
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-encrypted-s3-consumer-'));
  const packed = run('npm', ['pack', '--json', '--pack-destination', workDir], ROOT);
  tarball = path.join(workDir, JSON.parse(packed)[0].filename);
});

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

test('the tarball holds the compiled library, its jsii assembly and its docs', () => {
  const files = run('tar', ['tzf', tarball], workDir).split('\n');
  expect(files).toEqual(expect.arrayContaining([
    'package/lib/index.js',
    'package/lib/index.d.ts',
    'package/.jsii',
    'package/README.md',
    'package/API.md',
    'package/package.json',
  ]));
  // Sources, tests and examples stay out of the package.
  expect(files.filter((f) => /^package\/(src|test|examples|bench)\//.test(f))).toEqual([]);
});

// The dev pin (AWS provider 5.x), and the newest 21.x the peer range admits (AWS provider 6.x).
test.each([VERSIONS['@cdktf/provider-aws'], '21.22.1'])('a fresh cdktf app with @cdktf/provider-aws %s installs the tarball and synthesizes an encrypted bucket', (providerVersion) => {
  const app = path.join(workDir, `app-${providerVersion}`);
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true }));
  run('npm', [
    'install', '--no-audit', '--no-fund', '--prefer-offline',
    tarball,
    `cdktf@${VERSIONS.cdktf}`,
    `constructs@${VERSIONS.constructs}`,
    `@cdktf/provider-aws@${providerVersion}`,
  ], app);
  fs.writeFileSync(path.join(app, 'main.js'), `
    const { App, TerraformStack } = require('cdktf');
    const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
    const { EncryptedBucket, ManagedCmk } = require('cdktf-encrypted-s3');
    const app = new App({ outdir: 'out' });
    const stack = new TerraformStack(app, 'consumer');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const key = new ManagedCmk(stack, 'Key', { alias: 'consumer-key' });
    new EncryptedBucket(stack, 'Data', { bucketName: 'consumer-data-bucket', encryptionKey: key });
    app.synth();
  `);
  run('node', ['main.js'], app);

  const synthesized = JSON.parse(fs.readFileSync(path.join(app, 'out', 'stacks', 'consumer', 'cdk.tf.json'), 'utf8'));
  const buckets = Object.values(synthesized.resource.aws_s3_bucket) as any[];
  const encryption = Object.values(synthesized.resource.aws_s3_bucket_server_side_encryption_configuration) as any[];
  const aliases = Object.values(synthesized.resource.aws_kms_alias) as any[];
  expect(buckets.map((b) => b.bucket)).toEqual(['consumer-data-bucket']);
  expect(encryption[0].rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
  expect(encryption[0].rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.Key_\w+\.arn\}$/);
  expect(aliases.map((a) => a.name)).toEqual(['alias/consumer-key']);
  expect(Object.keys(synthesized.resource.aws_s3_bucket_policy)).toHaveLength(1);
});

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error: any) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`);
  }
}
