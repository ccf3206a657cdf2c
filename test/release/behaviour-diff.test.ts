/**
 * The behaviour classifier on small hand-made stacks: what differs by machine is no
 * change, a reordered policy is no change, and each kind of difference gets its class:
 * a behaviour change, a loosening (a wider Allow, a narrower Deny, a weaker protection)
 * or a destroy or replace.
 */
import { behaviourChanges, BehaviourChange, ChangeKind, normalizeStack } from '../../projenrc/behaviour-diff';
import { covers, policyChanges } from '../../projenrc/policy-diff';

const BUCKET_ARN = '${aws_s3_bucket.Bucket_DC7D6F65.arn}';

const denyTls = (version: string) => ({
  Sid: 'DenyOutdatedTls',
  Effect: 'Deny',
  Principal: '*',
  Action: ['s3:*'],
  Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
  Condition: { NumericLessThan: { 's3:TlsVersion': [version] } },
});
const denyHttp = () => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: ['s3:*'],
  Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
  Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
});
const denyWrongHeader = (algorithms: string[]) => ({
  Sid: 'DenyWrongEncryptionHeader',
  Effect: 'Deny',
  Principal: '*',
  Action: ['s3:PutObject'],
  Resource: [`${BUCKET_ARN}/*`],
  Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': algorithms } },
});
const allowRead = (actions: string[] = ['s3:GetObject']) => ({
  Sid: 'AllowRead', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:role/reader'] }, Action: actions, Resource: [`${BUCKET_ARN}/*`],
});
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** A stack as cdktf writes one, small: a key, a bucket and its settings. */
function stack(statePath = '/home/one/project/terraform.s.tfstate'): any {
  const meta = (path: string) => ({ '//': { metadata: { path, uniqueId: path.replace(/\W/g, '_') } } });
  return {
    '//': { metadata: { backend: 'local', stackName: 's', version: '0.21.0' } },
    'terraform': { backend: { local: { path: statePath } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    'provider': { aws: [{ region: 'us-east-1' }] },
    'data': { aws_caller_identity: { Caller: { ...meta('s/Caller') } } },
    'output': { bucket: { value: '${aws_s3_bucket.Bucket_DC7D6F65.bucket}' } },
    'resource': {
      aws_kms_key: {
        Key_43586C89: {
          ...meta('s/Key/Key'),
          customer_master_key_spec: 'SYMMETRIC_DEFAULT',
          deletion_window_in_days: 30,
          enable_key_rotation: true,
          key_usage: 'ENCRYPT_DECRYPT',
          multi_region: false,
          lifecycle: { prevent_destroy: true },
          description: 'key',
          policy: doc({ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: ['kms:*'], Resource: ['*'] }),
        },
      },
      aws_s3_bucket: { Bucket_DC7D6F65: { ...meta('s/Bucket/Bucket'), bucket_prefix: 'data-', force_destroy: false } },
      aws_s3_bucket_policy: {
        Bucket_Policy_E734B3B0: {
          ...meta('s/Bucket/Policy'),
          bucket: '${aws_s3_bucket.Bucket_DC7D6F65.id}',
          depends_on: ['aws_s3_bucket_public_access_block.Bucket_PublicAccessBlock_A34F3B5C'],
          policy: doc(denyHttp(), denyTls('1.2'), denyWrongHeader(['aws:kms']), allowRead()),
        },
      },
      aws_s3_bucket_public_access_block: {
        Bucket_PublicAccessBlock_A34F3B5C: {
          ...meta('s/Bucket/PublicAccessBlock'),
          bucket: '${aws_s3_bucket.Bucket_DC7D6F65.id}',
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      },
      aws_s3_bucket_server_side_encryption_configuration: {
        Bucket_Encryption_016FDA0C: {
          ...meta('s/Bucket/Encryption'),
          bucket: '${aws_s3_bucket.Bucket_DC7D6F65.id}',
          rule: [{ apply_server_side_encryption_by_default: { kms_master_key_id: '${aws_kms_key.Key_43586C89.arn}', sse_algorithm: 'aws:kms' }, bucket_key_enabled: true }],
        },
      },
      aws_s3_bucket_versioning: {
        Bucket_Versioning_A1B2C3D4: { ...meta('s/Bucket/Versioning'), bucket: '${aws_s3_bucket.Bucket_DC7D6F65.id}', versioning_configuration: { status: 'Enabled' } },
      },
      aws_s3_bucket_lifecycle_configuration: {
        Bucket_Lifecycle_7E5A4C11: {
          ...meta('s/Bucket/Lifecycle'),
          bucket: '${aws_s3_bucket.Bucket_DC7D6F65.id}',
          rule: [{ id: 'abort-incomplete-multipart-uploads', status: 'Enabled', filter: [{ prefix: '' }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }],
        },
      },
    },
  };
}

const POLICY = 'aws_s3_bucket_policy.Bucket_Policy_E734B3B0';
const r = (s: any, type: string) => Object.values(s.resource[type])[0] as any;

/** The changes from the base stack to one changed by `change`. */
function changesAfter(change: (s: any) => void): BehaviourChange[] {
  const after = stack();
  change(after);
  return behaviourChanges({ s: stack() }, { s: after });
}
const kinds = (changes: BehaviourChange[]): ChangeKind[] => [...new Set(changes.map((c) => c.kind))];

describe('no change', () => {
  test('another machine (state path), another cdktf (metadata) and reordered policies render the same', () => {
    const after = stack('/home/two/elsewhere/terraform.s.tfstate');
    after['//'].metadata.version = '0.21.9';
    for (const named of Object.values(after.resource)) for (const res of Object.values(named as any)) (res as any)['//'].metadata.path = 'moved/in/the/tree';
    // Statements, actions and condition values in another order; "*" for {"AWS": "*"}.
    const reordered = [allowRead(), { ...denyWrongHeader(['aws:kms']) }, denyTls('1.2'), { ...denyHttp(), Principal: { AWS: '*' } }];
    reordered[0].Action = ['s3:GetObject'];
    r(after, 'aws_s3_bucket_policy').policy = doc(...reordered);
    expect(normalizeStack(after)).not.toEqual(after);
    expect(behaviourChanges({ s: stack() }, { s: after })).toEqual([]);
  });

  test('the state path is the only backend setting ignored', () => {
    const after = stack();
    after.terraform.backend.local.workspace_dir = 'w';
    expect(behaviourChanges({ s: stack() }, { s: after })).toEqual([
      { stack: 's', address: 'terraform', what: 'terraform.backend.local.workspace_dir: (unset) -> "w"', kind: 'behaviour' },
    ]);
  });
});

describe('policies', () => {
  test('a raised TLS floor is a behaviour change, not a loosening, named by stack, address and statement', () => {
    const changes = changesAfter((s) => {
      r(s, 'aws_s3_bucket_policy').policy = doc(denyHttp(), denyTls('1.3'), denyWrongHeader(['aws:kms']), allowRead());
    });
    expect(changes).toEqual([{
      stack: 's',
      address: POLICY,
      kind: 'behaviour',
      what: 'policy: statement "DenyOutdatedTls" (Deny): Condition NumericLessThan s3:TlsVersion: ["1.2"] -> ["1.3"]',
    }]);
  });

  test('a lowered TLS floor loosens', () => {
    expect(kinds(changesAfter((s) => {
      r(s, 'aws_s3_bucket_policy').policy = doc(denyHttp(), denyTls('1.1'), denyWrongHeader(['aws:kms']), allowRead());
    }))).toEqual(['loosening']);
  });

  const BASE = [denyHttp(), denyTls('1.2'), denyWrongHeader(['aws:kms']), allowRead()];
  const DENIES = BASE.slice(0, 3);
  const orgOnly = { StringEquals: { 'aws:PrincipalOrgID': ['o-123'] } };

  /** The changes of the bucket policy from `before` to `after` statements. */
  function policyDiff(before: object[], after: object[]): BehaviourChange[] {
    const [was, is] = [stack(), stack()];
    r(was, 'aws_s3_bucket_policy').policy = doc(...before);
    r(is, 'aws_s3_bucket_policy').policy = doc(...after);
    return behaviourChanges({ s: was }, { s: is });
  }

  test.each<[string, object[], object[]]>([
    ['a Deny removed', BASE, BASE.slice(1)],
    ['a Deny narrowed to fewer actions', BASE, [{ ...denyHttp(), Action: ['s3:GetObject'] }, ...BASE.slice(1)]],
    ['a Deny narrowed to fewer resources', BASE, [{ ...denyHttp(), Resource: [BUCKET_ARN] }, ...BASE.slice(1)]],
    ['a condition added to a Deny', BASE, [{ ...denyHttp(), Condition: { ...denyHttp().Condition, ...orgOnly } }, ...BASE.slice(1)]],
    ['a Deny on a flipped Bool', BASE, [{ ...denyHttp(), Condition: { Bool: { 'aws:SecureTransport': ['true'] } } }, ...BASE.slice(1)]],
    ['another value a StringNotEquals Deny accepts', BASE, [denyHttp(), denyTls('1.2'), denyWrongHeader(['aws:kms', 'AES256']), allowRead()]],
    ['a Deny turned into an Allow', BASE, [{ ...denyHttp(), Effect: 'Allow' }, ...BASE.slice(1)]],
    ['an Allow added', BASE, [...BASE, { ...allowRead(), Sid: 'AllowWrite', Action: ['s3:PutObject'] }]],
    ['an Allow widened by a wildcard', BASE, [...DENIES, allowRead(['s3:Get*'])]],
    ['an Allow to another principal', BASE, [...DENIES, { ...allowRead(), Principal: { AWS: ['arn:aws:iam::444455556666:root'] } }]],
    ['a condition removed from an Allow', [...DENIES, { ...allowRead(), Condition: orgOnly }], BASE],
    ['a changed statement without a Sid', [...DENIES, { ...allowRead(), Sid: undefined }], [...DENIES, { ...allowRead(['s3:GetObjectVersion']), Sid: undefined }]],
  ])('%s loosens', (_name, before, after) => {
    const changes = policyDiff(before, after);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.address === POLICY)).toBe(true);
    expect(kinds(changes)).toContain('loosening');
  });

  test.each<[string, object[], object[]]>([
    ['an Allow removed', BASE, DENIES],
    ['an Allow narrowed from a wildcard', [...DENIES, allowRead(['s3:Get*'])], BASE],
    ['a condition added to an Allow', BASE, [...DENIES, { ...allowRead(), Condition: orgOnly }]],
    ['a Deny added', BASE, [...BASE, { ...denyHttp(), Sid: 'DenyDelete', Action: ['s3:DeleteObject'], Condition: undefined }]],
    ['a Deny widened to more actions', BASE, [{ ...denyHttp(), Action: ['s3:*', 'kms:*'] }, ...BASE.slice(1)]],
    ['one value fewer that a StringNotEquals Deny accepts', [denyHttp(), denyTls('1.2'), denyWrongHeader(['aws:kms', 'AES256']), allowRead()], BASE],
  ])('%s is a behaviour change only', (_name, before, after) => {
    const changes = policyDiff(before, after);
    expect(changes.length).toBeGreaterThan(0);
    expect(kinds(changes)).toEqual(['behaviour']);
  });

  test('a policy that is not JSON (a Terraform expression) changed loosens: what it allows is unknown', () => {
    expect(policyChanges('${data.aws_iam_policy_document.a.json}', '${data.aws_iam_policy_document.b.json}')).toEqual([
      expect.objectContaining({ loosens: true }),
    ]);
  });

  test('a pattern covers what it matches, wildcards of the narrower pattern included', () => {
    expect(covers('s3:*', 's3:get*')).toBe(true);
    expect(covers('s3:get*', 's3:getobject')).toBe(true);
    expect(covers('s3:get*', 's3:g*')).toBe(false);
    expect(covers('s3:getobjec?', 's3:getobjec*')).toBe(false);
    expect(covers(`${BUCKET_ARN}/*`, BUCKET_ARN)).toBe(false);
  });
});

describe('resources', () => {
  test('a resource gone without a moved block is destroyed; with one, only its changes count', () => {
    const gone = changesAfter((s) => delete s.resource.aws_s3_bucket_versioning);
    expect(gone).toEqual([{ stack: 's', address: 'aws_s3_bucket_versioning.Bucket_Versioning_A1B2C3D4', kind: 'destroy-or-replace', what: expect.stringContaining('no moved block') }]);

    const moved = changesAfter((s) => {
      s.resource.aws_s3_bucket_versioning = { Versioning_New: s.resource.aws_s3_bucket_versioning.Bucket_Versioning_A1B2C3D4 };
      s.moved = [{ from: 'aws_s3_bucket_versioning.Bucket_Versioning_A1B2C3D4', to: 'aws_s3_bucket_versioning.Versioning_New' }];
    });
    expect(moved).toEqual([]);

    const forgotten = changesAfter((s) => {
      delete s.resource.aws_s3_bucket_versioning;
      s.removed = [{ from: 'aws_s3_bucket_versioning.Bucket_Versioning_A1B2C3D4', lifecycle: { destroy: false } }];
    });
    expect(kinds(forgotten)).toEqual(['loosening']);
  });

  test.each([
    ['aws_s3_bucket', 'bucket_prefix', 'other-'],
    ['aws_kms_key', 'multi_region', true],
    ['aws_kms_key', 'key_usage', 'SIGN_VERIFY'],
    ['aws_s3_bucket_policy', 'bucket', '${aws_s3_bucket.Other.id}'],
  ])('%s %s changed: Terraform replaces it', (type, attribute, value) => {
    const changes = changesAfter((s) => {
      r(s, type)[attribute] = value;
    });
    expect(changes).toEqual([expect.objectContaining({ kind: 'destroy-or-replace', what: expect.stringContaining(`${attribute}: `) })]);
  });

  test.each([
    ['public access unblocked', (s: any) => { r(s, 'aws_s3_bucket_public_access_block').restrict_public_buckets = false; }],
    ['SSE-KMS down to SSE-S3', (s: any) => { r(s, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default = { sse_algorithm: 'AES256' }; }],
    ['versioning suspended', (s: any) => { r(s, 'aws_s3_bucket_versioning').versioning_configuration.status = 'Suspended'; }],
    ['key rotation off', (s: any) => { r(s, 'aws_kms_key').enable_key_rotation = false; }],
    ['a shorter deletion window', (s: any) => { r(s, 'aws_kms_key').deletion_window_in_days = 7; }],
    ['prevent_destroy dropped', (s: any) => { r(s, 'aws_kms_key').lifecycle.prevent_destroy = false; }],
    ['the lifecycle block dropped whole', (s: any) => { delete r(s, 'aws_kms_key').lifecycle; }],
    ['force_destroy on', (s: any) => { r(s, 'aws_s3_bucket').force_destroy = true; }],
    ['an expiration added', (s: any) => { r(s, 'aws_s3_bucket_lifecycle_configuration').rule.push({ id: 'x', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 30 }] }); }],
    ['a data source read differently', (s: any) => { s.data.aws_caller_identity.Caller.provider = 'aws.other'; }],
    ['a new resource with an Allow', (s: any) => {
      s.resource.aws_iam_role_policy = { Grant: { role: 'r', policy: doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }) } };
    }],
  ])('%s loosens', (_name, change) => {
    expect(kinds(changesAfter(change))).toContain('loosening');
  });

  test.each([
    ['public access blocked where it was not', (s: any) => { r(s, 'aws_s3_bucket_public_access_block').restrict_public_buckets = true; }, (s: any) => { r(s, 'aws_s3_bucket_public_access_block').restrict_public_buckets = false; }],
    ['SSE-S3 up to SSE-KMS', (s: any) => { r(s, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default.sse_algorithm = 'aws:kms'; },
      (s: any) => { r(s, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default.sse_algorithm = 'AES256'; }],
    ['a longer deletion window', (s: any) => { r(s, 'aws_kms_key').deletion_window_in_days = 30; }, (s: any) => { r(s, 'aws_kms_key').deletion_window_in_days = 7; }],
    ['a new description', (s: any) => { r(s, 'aws_kms_key').description = 'another'; }, undefined],
    ['multipart uploads aborted sooner', (s: any) => { r(s, 'aws_s3_bucket_lifecycle_configuration').rule[0].abort_incomplete_multipart_upload[0].days_after_initiation = 3; }, undefined],
    ['another dependency', (s: any) => { r(s, 'aws_s3_bucket_policy').depends_on = []; }, undefined],
    ['an output', (s: any) => { s.output.bucket.value = 'x'; }, undefined],
    ['an import block', (s: any) => { s.import = [{ id: 'b', to: 'aws_s3_bucket.Bucket_DC7D6F65' }]; }, undefined],
  ])('%s is a behaviour change only', (_name, change, setUp) => {
    const before = stack();
    setUp?.(before);
    const after = stack();
    setUp?.(after);
    change(after);
    const changes = behaviourChanges({ s: before }, { s: after });
    expect(changes.length).toBeGreaterThan(0);
    expect(kinds(changes)).toEqual(['behaviour']);
  });

  test('block_public_policy is a setting, not a policy document: turned off, it loosens, named', () => {
    expect(changesAfter((s) => { r(s, 'aws_s3_bucket_public_access_block').block_public_policy = false; })).toEqual([{
      stack: 's', address: 'aws_s3_bucket_public_access_block.Bucket_PublicAccessBlock_A34F3B5C', what: 'block_public_policy: true -> false', kind: 'loosening',
    }]);
  });

  test('another region for a provider replaces what it manages', () => {
    expect(changesAfter((s) => { s.provider.aws[0].region = 'eu-west-1'; })).toEqual([
      { stack: 's', address: 'provider.aws', what: expect.stringContaining('region: "us-east-1" -> "eu-west-1"'), kind: 'destroy-or-replace' },
    ]);
  });

  test('a stack gone destroys everything in it', () => {
    const destroyed = behaviourChanges({ s: stack() }, {}).filter((c) => c.kind === 'destroy-or-replace').map((c) => c.address);
    const resources = Object.entries(stack().resource).flatMap(([type, named]) => Object.keys(named as object).map((name) => `${type}.${name}`));
    expect(resources).toHaveLength(7);
    expect(destroyed).toEqual(expect.arrayContaining(resources));
  });
});
