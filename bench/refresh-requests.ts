// `npx ts-node --transpile-only -P tsconfig.dev.json bench/refresh-requests.ts [--runs N]`: how many API
// requests one refresh of an applied stack makes, for a default EncryptedBucket and for the same bucket
// written by hand (terraform-aws-modules style), against moto's server on 127.0.0.1 with the request log
// of test/support/moto.ts. Needs Terraform, the provider mirror and moto, as the deploy tier does.
//
// Each case is applied, then refreshed N times (default 2) two ways: `terraform plan -refresh-only`, and a
// plain `terraform plan` that must say "No changes." (both read every resource and data source once). The
// table shows the first refresh-only by service and action; a note says whether every refresh matched it.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedBucket } from '../src';
import { apply, deployableStack, plan, terraform } from '../test/support/deploy';
import { EMULATOR_REGION, killRunning, MotoRequest, startMoto } from '../test/support/moto';

/** The same bucket without the library: a key and alias, the bucket, its SSE-KMS, PAB, ownership, versioning and TLS-only policy. */
function handWrittenBucket(scope: Construct, id: string): void {
  const s = new Construct(scope, id);
  const key = new KmsKey(s, 'Key', { description: `Encrypts the objects of ${id}`, enableKeyRotation: true, deletionWindowInDays: 30 });
  new KmsAlias(s, 'Alias', { name: `alias/hand-written/${id}`, targetKeyId: key.keyId });
  const bucket = new S3Bucket(s, 'Bucket', { bucketPrefix: `${id.toLowerCase()}-` });
  new S3BucketServerSideEncryptionConfigurationA(s, 'Encryption', {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
  });
  const pab = new S3BucketPublicAccessBlock(s, 'PublicAccessBlock', {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(s, 'OwnershipControls', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
  new S3BucketVersioningA(s, 'Versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  new S3BucketPolicy(s, 'Policy', {
    bucket: bucket.id,
    policy: Fn.jsonencode({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucket.arn, `${bucket.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }],
    }),
    dependsOn: [pab],
  });
}

interface Case {
  readonly label: string;
  readonly buckets: number;
  readonly build: (stack: TerraformStack) => void;
}

const times = (n: number, fn: (i: number) => void) => Array.from({ length: n }, (_, i) => fn(i));
const CASES: Case[] = [
  // Terraform configures no provider that nothing uses, so this one makes no request at all...
  { label: '(c) provider only', buckets: 0, build: () => undefined },
  // ...and the provider's start-up requests are those of a stack whose one data source calls nothing.
  { label: '(c\') provider + partition', buckets: 0, build: (s) => new DataAwsPartition(s, 'Partition') },
  { label: '(a) EncryptedBucket x1', buckets: 1, build: (s) => new EncryptedBucket(s, 'Bucket', {}) },
  { label: '(b) hand-written x1', buckets: 1, build: (s) => handWrittenBucket(s, 'Bucket') },
  { label: '(a) EncryptedBucket x2', buckets: 2, build: (s) => times(2, (i) => new EncryptedBucket(s, `Bucket${i}`, {})) },
  { label: '(b) hand-written x2', buckets: 2, build: (s) => times(2, (i) => handWrittenBucket(s, `Bucket${i}`)) },
];

/** `service Action` of each request Terraform made (the harness's own moto-api calls left out). */
type Counts = Map<string, number>;
interface Measured {
  readonly refreshOnly: Counts[];
  readonly plan: Counts[];
  readonly failed: string[];
}

function count(requests: MotoRequest[]): Counts {
  const counts: Counts = new Map();
  for (const r of requests) {
    if (r.service === 'moto-api') continue;
    const name = `${r.service ?? '?'} ${r.action ?? `${r.method} ${r.path}`}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

const total = (c: Counts) => [...c.values()].reduce((a, b) => a + b, 0);
const same = (a: Counts, b: Counts) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** Applies the case's stack on a moto server of its own, then counts the requests of each refresh. */
async function measure(c: Case, runs: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'refresh-requests-'));
  const moto = await startMoto(dir, { requestLog: true });
  try {
    const stack = deployableStack((app) => {
      const s = new TerraformStack(app, 'bench');
      new AwsProvider(s, 'aws', { region: EMULATOR_REGION });
      c.build(s);
      return s;
    }, { endpoint: moto.endpoint, statePath: join(dir, 'bench.tfstate') });
    await apply(stack, await plan(stack));
    const measured: Measured = { refreshOnly: [], plan: [], failed: [] };
    const during = async (fn: () => Promise<unknown>): Promise<Counts> => {
      const before = moto.requests().length;
      await fn();
      const requests = moto.requests().slice(before);
      measured.failed.push(...requests.filter((r) => r.status === null || r.status >= 500).map((r) => `${r.method} ${r.path}?${r.query} ${r.status}`));
      return count(requests);
    };
    for (let i = 0; i < runs; i++) {
      measured.refreshOnly.push(await during(() => terraform(stack, ['plan', '-refresh-only', '-input=false', '-no-color', '-lock-timeout=60s'])));
      measured.plan.push(await during(async () => {
        const saved = await plan(stack);
        if (!saved.summary.startsWith('No changes.')) throw new Error(`${c.label}: the stack did not converge: ${saved.summary}`);
      }));
    }
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
    return measured;
  } catch (e: any) {
    await moto.stop();
    throw new Error(`${c.label}: ${e.message}\n(moto's log and request log are kept in ${dir})`);
  }
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 2;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  console.log(`Requests per refresh of an applied stack, on moto (AWS provider from the mirror); ${runs} refreshes of each kind per case.`);
  // Each case has its own server, so they can apply at once (the lifecycle wait of an apply is mostly idle).
  const results = await Promise.all(CASES.map((c) => measure(c, runs)));

  const notes: string[] = [];
  CASES.forEach((c, i) => {
    const r = results[i];
    const all = [...r.refreshOnly, ...r.plan];
    if (!all.every((x) => same(x, all[0]))) {
      const rows = [...new Set(all.flatMap((x) => [...x.keys()]))].filter((k) => !all.every((x) => x.get(k) === all[0].get(k)));
      notes.push(`${c.label}: counts differ between refreshes (refresh-only, then plain plans): ${all.map(total).join(', ')}; ` +
        `${rows.map((k) => `${k} ${all.map((x) => x.get(k) ?? 0).join(', ')}`).join('; ')} (the table shows the first refresh-only)`);
    } else if (runs > 1) {
      notes.push(`${c.label}: ${runs} plan -refresh-only and ${runs} plain plans made the same requests`);
    }
    if (r.failed.length) notes.push(`${c.label}: ${r.failed.length} requests failed or answered 5xx: ${r.failed.slice(0, 5).join('; ')}`);
  });

  const first = results.map((r) => r.refreshOnly[0]);
  const rows = [...new Set(first.flatMap((c) => [...c.keys()]))].sort();
  const header = ['service action', ...CASES.map((c) => c.label)];
  const table = [
    ...rows.map((row) => [row, ...first.map((c) => String(c.get(row) ?? 0))]),
    ['total, plan -refresh-only', ...first.map((c) => String(total(c)))],
    ['total, plain plan', ...results.map((r) => String(total(r.plan[0])))],
  ];
  const byLabel = (label: string) => total(first[CASES.findIndex((c) => c.label === label)]);
  const base = Math.max(byLabel('(c) provider only'), byLabel('(c\') provider + partition'));
  const perBucket = CASES.map((c, i) => (c.buckets ? ((total(first[i]) - base) / c.buckets).toFixed(1) : '-'));
  table.push([`per bucket, (total - ${base}) / buckets`, ...perBucket]);
  printTable(header, table);

  console.log('');
  console.log(`The provider's start-up: ${base} request(s) (${byLabel('(c) provider only')} when nothing uses it).`);
  console.log(`One bucket, less the start-up: EncryptedBucket ${byLabel('(a) EncryptedBucket x1') - base}, ` +
    `hand-written ${byLabel('(b) hand-written x1') - base}.`);
  console.log(`Each bucket after the first: EncryptedBucket ${byLabel('(a) EncryptedBucket x2') - byLabel('(a) EncryptedBucket x1')}, ` +
    `hand-written ${byLabel('(b) hand-written x2') - byLabel('(b) hand-written x1')}.`);
  notes.forEach((n) => console.log(`note: ${n}`));
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
  rows.forEach((r) => console.log(line(r)));
}

main().catch((e) => {
  killRunning();
  console.error(e);
  process.exit(1);
});
