/**
 * Adoption with real Terraform: the import blocks the constructs write are valid
 * Terraform (`terraform validate`: each `to` is a resource of the configuration, each
 * `provider` one of its providers), for the example and for a bucket on an aliased
 * provider that logs and replicates.
 *
 * No plan here: planning an import reads the real key and bucket from AWS, which this
 * tier has no access to. `cdktf diff adopt-console-lab` against an account is that
 * check (README, "Bring existing resources under the library").
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { AdoptConsoleLabStack } from '../examples/adopt-console-lab';
import { EncryptedBucket, ManagedCmk } from '../src';
import { synthStack, terraformValidate } from './support/terraform';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const BUCKET = 'console-lab-bucket-111122223333';

/** Import blocks of the synthesized stack as `to <- id (provider)`. */
function importLines(json: any): string[] {
  return (json.import ?? []).map((block: any) => `${block.to.split('.')[0]} <- ${block.id}${block.provider ? ` (${block.provider})` : ''}`).sort();
}

describe.each([false, true])('the adopt-console-lab example, tighten %s', (tighten) => {
  const synth = synthStack((app) => new AdoptConsoleLabStack(app, 'adopt-console-lab', { keyId: KEY_ID, bucketName: BUCKET, tighten }));

  test('validates without warnings, imports included', () => {
    const result = terraformValidate(synth.dir);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  test('imports the key, its alias, the bucket and the configurations it has (versioning once the stack manages it)', () => {
    expect(importLines(synth.json)).toEqual([
      'aws_kms_alias <- alias/aws-CMK-key',
      `aws_kms_key <- ${KEY_ID}`,
      `aws_s3_bucket <- ${BUCKET}`,
      `aws_s3_bucket_ownership_controls <- ${BUCKET}`,
      `aws_s3_bucket_policy <- ${BUCKET}`,
      `aws_s3_bucket_public_access_block <- ${BUCKET}`,
      `aws_s3_bucket_server_side_encryption_configuration <- ${BUCKET}`,
      ...(tighten ? [`aws_s3_bucket_versioning <- ${BUCKET}`] : []),
    ]);
  });
});

describe('a bucket on an aliased provider, with logging and replication, adopted with its key', () => {
  const synth = synthStack((app) => {
    const stack = new TerraformStack(app, 'adopt-aliased');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
    const key = new ManagedCmk(stack, 'Key', { alias: 'lab', provider: west, adopt: { keyId: KEY_ID } });
    const replica = new EncryptedBucket(stack, 'Replica');
    new EncryptedBucket(stack, 'Data', {
      provider: west,
      encryptionKey: key,
      serverAccessLogs: { targetBucketName: 'central-logs-111122223333' },
      replicationRules: [{ destination: replica }],
      adopt: { bucketName: BUCKET },
    });
    return stack;
  });

  test('validates without warnings', () => {
    const result = terraformValidate(synth.dir);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  test('every import is on the west provider, each configuration by the bucket name', () => {
    const types = [
      'aws_s3_bucket', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_logging', 'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_replication_configuration',
      'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning',
    ];
    expect(importLines(synth.json)).toEqual([
      'aws_kms_alias <- alias/lab (aws.west)',
      `aws_kms_key <- ${KEY_ID} (aws.west)`,
      ...types.map((type) => `${type} <- ${BUCKET} (aws.west)`),
    ].sort());
  });
});
