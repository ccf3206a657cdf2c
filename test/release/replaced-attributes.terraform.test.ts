/**
 * The behaviour gate's list of attributes that make Terraform replace a resource
 * (REPLACED_BY in projenrc/behaviour-diff.ts), checked against the AWS provider itself:
 * a state holding one resource per probe, a configuration changing one attribute each,
 * and `terraform plan -refresh=false` (fake credentials, no AWS call) says which are
 * replaced. Each listed attribute must force replacement; each unlisted one probed here
 * (the settings the gate judges as updated in place) must not.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPLACED_BY } from '../../projenrc/behaviour-diff';
import { BINDING_AWS_PROVIDER } from '../support/binding';
import { runTerraform, terraformInit } from '../support/terraform-cli';

const EMPTY = '{"Version":"2012-10-17","Statement":[]}';
const DENY = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}';
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const READ = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
const SSE = (algorithm: string, key?: string) => [{
  bucket_key_enabled: true,
  apply_server_side_encryption_by_default: [{ sse_algorithm: algorithm, kms_master_key_id: key }],
}];

interface Probe {
  readonly type: string;
  /** Arguments, the same in state and configuration but for the probed one. */
  readonly base: Record<string, unknown>;
  /** Computed attributes the state holds too. */
  readonly computed: Record<string, unknown>;
  /** attribute, value in state, value in configuration */
  readonly changes: ReadonlyArray<readonly [string, unknown, unknown]>;
}

const PROBES: Probe[] = [
  {
    type: 'aws_s3_bucket',
    base: { bucket: 'probe-b-1', force_destroy: false, object_lock_enabled: false },
    computed: { id: 'probe-b-1', arn: 'arn:aws:s3:::probe-b-1' },
    changes: [['bucket', 'probe-b-1', 'probe-b-2'], ['object_lock_enabled', false, true], ['force_destroy', false, true]],
  },
  { type: 'aws_s3_bucket', base: { bucket_prefix: 'pre-' }, computed: { id: 'pre-1', bucket: 'pre-1', arn: 'arn:aws:s3:::pre-1' }, changes: [['bucket_prefix', 'pre-', 'other-']] },
  {
    type: 'aws_kms_key',
    base: {
      description: 'd',
      key_usage: 'ENCRYPT_DECRYPT',
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      multi_region: false,
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      is_enabled: true,
      policy: EMPTY,
    },
    computed: { id: 'k1', key_id: 'k1', arn: 'arn:aws:kms:us-east-1:111122223333:key/k1' },
    changes: [
      ['key_usage', 'ENCRYPT_DECRYPT', 'SIGN_VERIFY'], ['customer_master_key_spec', 'SYMMETRIC_DEFAULT', 'RSA_2048'], ['multi_region', false, true],
      ['description', 'd', 'e'], ['enable_key_rotation', true, false], ['deletion_window_in_days', 30, 7], ['is_enabled', true, false], ['policy', EMPTY, DENY],
    ],
  },
  {
    type: 'aws_kms_alias',
    base: { name: 'alias/a', target_key_id: 'k1' },
    computed: { id: 'alias/a', arn: 'arn:aws:kms:us-east-1:111122223333:alias/a' },
    changes: [['name', 'alias/a', 'alias/b'], ['target_key_id', 'k1', 'k2']],
  },
  { type: 'aws_kms_alias', base: { name_prefix: 'alias/a-', target_key_id: 'k1' }, computed: { id: 'alias/a-1', name: 'alias/a-1' }, changes: [['name_prefix', 'alias/a-', 'alias/b-']] },
  {
    type: 'aws_iam_role',
    base: { name: 'r1', assume_role_policy: TRUST, description: 'd', path: '/' },
    computed: { id: 'r1', arn: 'arn:aws:iam::111122223333:role/r1', unique_id: 'U' },
    changes: [['name', 'r1', 'r2'], ['path', '/', '/x/'], ['description', 'd', 'e']],
  },
  { type: 'aws_iam_role', base: { name_prefix: 'r-', assume_role_policy: TRUST, path: '/' }, computed: { id: 'r-1', name: 'r-1', arn: 'arn:aws:iam::111122223333:role/r-1' }, changes: [['name_prefix', 'r-', 's-']] },
  { type: 'aws_iam_role_policy', base: { name: 'p1', role: 'r1', policy: READ }, computed: { id: 'r1:p1' }, changes: [['name', 'p1', 'p2'], ['role', 'r1', 'r2'], ['policy', READ, DENY]] },
  { type: 'aws_iam_role_policy', base: { name_prefix: 'p-', role: 'r1', policy: READ }, computed: { id: 'r1:p-1', name: 'p-1' }, changes: [['name_prefix', 'p-', 'q-']] },
  { type: 'aws_s3_bucket_policy', base: { bucket: 'probe-b-1', policy: EMPTY }, computed: { id: 'probe-b-1' }, changes: [['bucket', 'probe-b-1', 'probe-b-2'], ['policy', EMPTY, DENY]] },
  {
    type: 'aws_s3_bucket_public_access_block',
    base: { bucket: 'probe-b-1', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    computed: { id: 'probe-b-1' },
    changes: [['bucket', 'probe-b-1', 'probe-b-2'], ['block_public_policy', true, false]],
  },
  {
    type: 'aws_s3_bucket_ownership_controls',
    base: { bucket: 'probe-b-1', rule: [{ object_ownership: 'BucketOwnerEnforced' }] },
    computed: { id: 'probe-b-1' },
    changes: [['bucket', 'probe-b-1', 'probe-b-2'], ['rule', [{ object_ownership: 'BucketOwnerEnforced' }], [{ object_ownership: 'ObjectWriter' }]]],
  },
  {
    type: 'aws_s3_bucket_server_side_encryption_configuration',
    base: { bucket: 'probe-b-1', expected_bucket_owner: '111122223333', rule: SSE('aws:kms', 'k1') },
    computed: { id: 'probe-b-1,111122223333' },
    changes: [['bucket', 'probe-b-1', 'probe-b-2'], ['expected_bucket_owner', '111122223333', '444455556666'], ['rule', SSE('aws:kms', 'k1'), SSE('AES256')]],
  },
  {
    type: 'aws_s3_bucket_versioning',
    base: { bucket: 'probe-b-1', expected_bucket_owner: '111122223333', versioning_configuration: [{ status: 'Enabled' }] },
    computed: { id: 'probe-b-1,111122223333' },
    changes: [['bucket', 'probe-b-1', 'probe-b-2'], ['expected_bucket_owner', '111122223333', '444455556666'], ['versioning_configuration', [{ status: 'Enabled' }], [{ status: 'Suspended' }]]],
  },
  {
    type: 'aws_s3_bucket_lifecycle_configuration',
    base: { bucket: 'probe-b-1', expected_bucket_owner: '111122223333', rule: [{ id: 'r', status: 'Enabled', filter: [{ prefix: '' }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }] },
    computed: { id: 'probe-b-1,111122223333' },
    changes: [['bucket', 'probe-b-1', 'probe-b-2'], ['expected_bucket_owner', '111122223333', '444455556666']],
  },
  {
    type: 'aws_s3_bucket_logging',
    base: { bucket: 'probe-b-1', target_bucket: 'logs', target_prefix: 'p/', expected_bucket_owner: '111122223333' },
    computed: { id: 'probe-b-1,111122223333' },
    changes: [['bucket', 'probe-b-1', 'probe-b-2'], ['expected_bucket_owner', '111122223333', '444455556666'], ['target_prefix', 'p/', 'q/']],
  },
  {
    type: 'aws_s3_bucket_replication_configuration',
    base: { bucket: 'probe-b-1', role: 'arn:aws:iam::111122223333:role/r', rule: [{ id: 'r', status: 'Enabled', filter: [{ prefix: '' }], delete_marker_replication: [{ status: 'Disabled' }], destination: [{ bucket: 'arn:aws:s3:::dest' }] }] },
    computed: { id: 'probe-b-1' },
    changes: [['bucket', 'probe-b-1', 'probe-b-2'], ['role', 'arn:aws:iam::111122223333:role/r', 'arn:aws:iam::111122223333:role/s']],
  },
];

test('the attributes REPLACED_BY lists, and only those of the probes, make the provider replace the resource', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replaced-attributes-'));
  try {
    const config: any = {
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: BINDING_AWS_PROVIDER } } },
      provider: { aws: [{ region: 'us-east-1' }] },
      resource: {},
    };
    const state: any[] = [];
    const probed = new Map<string, string>();
    PROBES.forEach(({ type, base, computed, changes }, p) => changes.forEach(([attribute, before, after], c) => {
      const name = `p${p}_${c}`;
      probed.set(`${type}.${name}`, `${type} ${attribute}`);
      (config.resource[type] ??= {})[name] = Object.fromEntries(Object.entries({ ...base, [attribute]: after }).filter(([, v]) => v !== undefined));
      state.push({
        mode: 'managed',
        type,
        name,
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes: { ...base, ...computed, [attribute]: before } }],
      });
    }));
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(config));
    fs.writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.7.0', serial: 1, lineage: 'probe', outputs: {}, resources: state }));
    terraformInit(dir);
    const plan = runTerraform(dir, ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color']).stdout;

    const replaced: string[] = [];
    const inPlace: string[] = [];
    for (const [address, probe] of probed) {
      const line = new RegExp(`^ {2}# ${address.replace('.', '\\.')} (must be replaced|will be updated in-place)$`, 'm').exec(plan);
      if (!line) throw new Error(`the plan does not say what happens to ${address} (${probe}):\n${plan.slice(0, 2000)}`);
      (line[1] === 'must be replaced' ? replaced : inPlace).push(probe);
    }
    const listed = (probe: string) => REPLACED_BY[probe.split(' ')[0]]?.includes(probe.split(' ')[1]) ?? false;
    expect(replaced.filter((probe) => !listed(probe))).toEqual([]);
    expect(inPlace.filter(listed)).toEqual([]);
    // Every listed attribute was probed.
    const all = Object.entries(REPLACED_BY).flatMap(([type, attributes]) => attributes.map((a) => `${type} ${a}`));
    expect(all.filter((probe) => !replaced.includes(probe))).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
