/**
 * Every condition form that `limitsCaller` accepts as limiting who can call (the
 * "Accepted" rows of test/private/iam.test.ts) is put through the construct guards in an
 * Allow to the "*" principal, rendered by real Terraform, and evaluated with an IAM
 * policy simulator: an outsider (a principal in an unrelated account whose own policies
 * allow everything) is denied, and an insider matching the condition is allowed, so the
 * statement is not dead.
 *
 * Beside them, the refused forms the issue called out are evaluated on hand-written
 * policies: each really lets the outsider in, and `limitsCaller` and the guards refuse it.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { BucketEncryption, EncryptedBucket, ManagedCmk } from '../../src';
import { Conditions, limitsCaller } from '../../src/private/iam';
import { SimRequest, SimResult, simulate } from '../support/iam';
import { RenderedState, renderedState, synthStack } from '../support/terraform';

const ACCOUNT = '111122223333';
const OUTSIDE_ACCOUNT = '444455556666';
const ORG = 'o-a1b2c3d4e5';
const ORG_PATH = `${ORG}/r-ab12/ou-ab12-11111111/`;
const BUCKET = 'caller-limits';
const INSIDER = `arn:aws:iam::${ACCOUNT}:role/app-1`;
const OUTSIDER = `arn:aws:iam::${OUTSIDE_ACCOUNT}:role/outsider`;
/** A service acting for someone, the caller that aws:Source* keys describe. */
const SERVICE = 'cloudtrail.amazonaws.com';
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const A = 'Allowed';

/** What the outsider's requests carry: its own account, organization, sources and network. */
const OUTSIDER_CONTEXT = {
  'aws:PrincipalOrgID': 'o-outsider000',
  'aws:PrincipalOrgPaths': ['o-outsider000/r-zz99/ou-zz99-99999999/'],
  'aws:SourceAccount': OUTSIDE_ACCOUNT,
  'aws:SourceArn': 'arn:aws:s3:::outsider-bucket',
  'aws:SourceOrgID': 'o-outsider000',
  'aws:SourceOrgPaths': ['o-outsider000/r-zz99/ou-zz99-99999999/'],
  'aws:SourceVpc': 'vpc-outsider',
  'aws:SourceVpce': 'vpce-outsider',
};

type Context = Record<string, string | string[]>;

/** One accepted form, in an Allow to "*". */
interface Form {
  readonly name: string;
  /** The condition, given the account id to use where the form holds a reference. */
  readonly condition: (account: string) => Conditions;
  /** Whether the account argument is a reference (the DataAwsCallerIdentity's account id). */
  readonly reference?: boolean;
  /** The insider: a principal and context matching the condition. */
  readonly insider: { readonly principal: string; readonly context?: Context; readonly identity?: object };
  /** Context keys the form relies on: the simulator must not drop them. */
  readonly keys: string[];
}

const cond = (operator: string, conditionKey: string, ...values: string[]): Conditions => ({ [operator]: { [conditionKey]: values } });
const sameAccount = (context?: Context) => ({ principal: INSIDER, context });
const service = (context: Context) => ({ principal: SERVICE, context });

/** Bucket-policy forms; form n guards `<bucket>/form-<n>/*` only. */
const BUCKET_FORMS: Form[] = [
  { name: 'StringEquals aws:PrincipalAccount', condition: () => cond('StringEquals', 'aws:PrincipalAccount', ACCOUNT), insider: sameAccount(), keys: ['aws:PrincipalAccount'] },
  { name: 'StringEquals aws:PrincipalOrgID', condition: () => cond('StringEquals', 'aws:PrincipalOrgID', ORG), insider: sameAccount({ 'aws:PrincipalOrgID': ORG }), keys: ['aws:PrincipalOrgID'] },
  {
    name: 'ForAnyValue:StringEquals aws:PrincipalOrgID',
    condition: () => cond('ForAnyValue:StringEquals', 'aws:PrincipalOrgID', ORG),
    insider: sameAccount({ 'aws:PrincipalOrgID': ORG }),
    keys: ['aws:PrincipalOrgID'],
  },
  {
    name: 'ForAnyValue:StringLike aws:PrincipalOrgPaths, organization fixed',
    condition: () => cond('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', `${ORG}/r-ab12/*`),
    insider: sameAccount({ 'aws:PrincipalOrgPaths': [ORG_PATH] }),
    keys: ['aws:PrincipalOrgPaths'],
  },
  {
    name: 'ArnLike aws:PrincipalArn, account fixed, role wildcard',
    condition: () => cond('ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/*`),
    insider: sameAccount(),
    keys: ['aws:PrincipalArn'],
  },
  {
    name: 'StringLike aws:PrincipalArn, account fixed',
    condition: () => cond('StringLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/app-?`),
    insider: sameAccount(),
    keys: ['aws:PrincipalArn'],
  },
  {
    name: 'ArnEquals aws:PrincipalArn of one role',
    condition: () => cond('ArnEquals', 'aws:PrincipalArn', INSIDER),
    insider: sameAccount(),
    keys: ['aws:PrincipalArn'],
  },
  {
    name: 'StringEqualsIgnoreCase aws:SourceAccount',
    condition: () => cond('StringEqualsIgnoreCase', 'aws:SourceAccount', ACCOUNT),
    insider: service({ 'aws:SourceAccount': ACCOUNT }),
    keys: ['aws:SourceAccount'],
  },
  {
    name: 'ArnEquals aws:SourceArn of a bucket',
    condition: () => cond('ArnEquals', 'aws:SourceArn', 'arn:aws:s3:::source-bucket'),
    insider: service({ 'aws:SourceArn': 'arn:aws:s3:::source-bucket' }),
    keys: ['aws:SourceArn'],
  },
  {
    name: 'ArnLike aws:SourceArn, account fixed',
    condition: () => cond('ArnLike', 'aws:SourceArn', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/*`),
    insider: service({ 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main` }),
    keys: ['aws:SourceArn'],
  },
  { name: 'StringEquals aws:SourceOrgID', condition: () => cond('StringEquals', 'aws:SourceOrgID', ORG), insider: service({ 'aws:SourceOrgID': ORG }), keys: ['aws:SourceOrgID'] },
  {
    name: 'ForAnyValue:StringLike aws:SourceOrgPaths, organization fixed',
    condition: () => cond('ForAnyValue:StringLike', 'aws:SourceOrgPaths', `${ORG}/*`),
    insider: service({ 'aws:SourceOrgPaths': [ORG_PATH] }),
    keys: ['aws:SourceOrgPaths'],
  },
  {
    name: 'StringEquals aws:SourceVpc',
    condition: () => cond('StringEquals', 'aws:SourceVpc', 'vpc-0123456789abcdef0'),
    insider: sameAccount({ 'aws:SourceVpc': 'vpc-0123456789abcdef0' }),
    keys: ['aws:SourceVpc'],
  },
  {
    name: 'StringEquals aws:SourceVpce',
    condition: () => cond('StringEquals', 'aws:SourceVpce', 'vpce-0123456789abcdef0'),
    insider: sameAccount({ 'aws:SourceVpce': 'vpce-0123456789abcdef0' }),
    keys: ['aws:SourceVpce'],
  },
  {
    name: 'StringEquals AWS:PRINCIPALACCOUNT (key names are case-insensitive)',
    condition: () => cond('StringEquals', 'AWS:PRINCIPALACCOUNT', ACCOUNT),
    insider: sameAccount(),
    keys: ['aws:PrincipalAccount'],
  },
  {
    name: 'Bool aws:SecureTransport beside StringEquals aws:PrincipalAccount (one limiting condition among others)',
    condition: () => ({ Bool: { 'aws:SecureTransport': ['true'] }, ...cond('StringEquals', 'aws:PrincipalAccount', ACCOUNT) }),
    insider: sameAccount(),
    keys: ['aws:PrincipalAccount', 'aws:SecureTransport'],
  },
  {
    name: 'StringEquals aws:PrincipalAccount, a reference as the value',
    condition: (account) => cond('StringEquals', 'aws:PrincipalAccount', account),
    reference: true,
    insider: sameAccount(),
    keys: ['aws:PrincipalAccount'],
  },
  {
    name: 'ArnLike aws:PrincipalArn, a reference as the ARN account',
    condition: (account) => cond('ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${account}:role/*`),
    reference: true,
    insider: sameAccount(),
    keys: ['aws:PrincipalArn'],
  },
];

/** Key-policy forms (kms:Decrypt); each gets a key of its own, aliased `alias/caller-limits-<n>`. */
const KEY_FORMS: Form[] = [
  { name: 'StringEquals kms:CallerAccount', condition: () => cond('StringEquals', 'kms:CallerAccount', ACCOUNT), insider: sameAccount(), keys: ['kms:CallerAccount'] },
  {
    name: 'StringEquals kms:CallerAccount, a cdktf token as the value',
    condition: (account) => cond('StringEquals', 'kms:CallerAccount', account),
    reference: true,
    insider: sameAccount(),
    keys: ['kms:CallerAccount'],
  },
  {
    // The insider is another account of the organization: cross-account, so its own policy allows too.
    name: 'StringEquals aws:PrincipalOrgID on a key',
    condition: () => cond('StringEquals', 'aws:PrincipalOrgID', ORG),
    insider: { principal: 'arn:aws:iam::777788889999:role/org-member', context: { 'aws:PrincipalOrgID': ORG }, identity: ALLOW_ALL },
    keys: ['aws:PrincipalOrgID'],
  },
];

/** The form's condition in the `aws_iam_policy_document` block shape the constructs take. */
function conditionBlocks(condition: Conditions): DataAwsIamPolicyDocumentStatement['condition'] {
  return Object.entries(condition).flatMap(([test, keys]) =>
    Object.entries(keys).map(([variable, values]) => ({ test, variable, values })));
}

const bucketResource = (n: number) => `arn:aws:s3:::${BUCKET}/form-${n}/*`;
const keyAlias = (n: number) => `caller-limits-${n}`;

/** What the guards saw: the condition with the account as a cdktf token where the form holds a reference. */
const guarded = new Map<Form, Conditions>();

function buildStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'caller-limits');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const account = new DataAwsCallerIdentity(stack, 'caller').accountId;
  const statement = (form: Form, i: number, resources?: string[]): DataAwsIamPolicyDocumentStatement => {
    const condition = form.condition(form.reference ? account : ACCOUNT);
    guarded.set(form, condition);
    return {
      sid: `Form${i}`,
      effect: 'Allow',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: [resources ? 's3:GetObject' : 'kms:Decrypt'],
      resources,
      condition: conditionBlocks(condition),
    };
  };

  // Literal forms through the policyStatements prop, reference forms through addToResourcePolicy:
  // both paths are guarded.
  const literal = BUCKET_FORMS.filter((form) => !form.reference);
  // S3-managed encryption: the forms do not depend on the bucket's key, and the stack stays small.
  const bucket = new EncryptedBucket(stack, 'Bucket', {
    bucketName: BUCKET,
    encryption: BucketEncryption.S3_MANAGED,
    policyStatements: literal.map((form) => {
      const n = BUCKET_FORMS.indexOf(form);
      return statement(form, n, [bucketResource(n)]);
    }),
  });
  BUCKET_FORMS.forEach((form, n) => {
    if (form.reference) bucket.addToResourcePolicy(statement(form, n, [`${bucket.bucketArn}/form-${n}/*`]));
  });

  KEY_FORMS.forEach((form, n) => {
    new ManagedCmk(stack, `Key${n}`, {
      alias: keyAlias(n),
      keyAdministratorArns: [`arn:aws:iam::${ACCOUNT}:role/key-admin`],
      policyStatements: [statement(form, n)],
    });
  });
  return stack;
}

let state: RenderedState;

beforeAll(() => {
  state = renderedState(synthStack(buildStack).dir);
});

function bucketPolicy(): any {
  const policy = state.valuesOf('aws_s3_bucket_policy').find((p) => p.bucket === BUCKET);
  if (!policy) throw new Error(`no policy for bucket ${BUCKET}`);
  return JSON.parse(policy.policy);
}

/** The rendered key behind `alias/<name>`: its ARN and parsed policy. */
function key(name: string): { arn: string; policy: any } {
  const alias = state.valuesOf('aws_kms_alias').find((a) => a.name === `alias/${name}`);
  const values = alias && state.valuesOf('aws_kms_key').find((k) => k.key_id === alias.target_key_id);
  if (!values) throw new Error(`no key behind alias/${name}`);
  return { arn: values.arn, policy: JSON.parse(values.policy) };
}

const statementOf = (policy: any, sid: string) => policy.Statement.find((s: any) => s.Sid === sid);

/** Simulates, and fails if the simulator dropped a context key the form relies on. */
async function run(form: Form, request: SimRequest): Promise<SimResult> {
  const result = await simulate(request);
  const ignored = result.ignoredContextKeys.map((k) => k.toLowerCase());
  expect(form.keys.filter((k) => ignored.includes(k.toLowerCase()))).toEqual([]);
  return result;
}

/** The checks every accepted form gets, against one rendered resource policy. */
function provesTheFormLimitsTheCaller(
  forms: Form[],
  target: (n: number) => { resource: string; policy: () => any; action: string },
) {
  describe.each(forms.map((form, n) => [form.name, form, n] as const))('%s', (_name, form, n) => {
    const request = (principal: string, options: { identity?: object; context?: Context } = {}): SimRequest => {
      const { resource, policy, action } = target(n);
      return {
        principal,
        action,
        resource,
        resourcePolicy: policy(),
        identityPolicies: options.identity ? [options.identity] : [],
        context: options.context,
      };
    };

    test('the guard accepted it and Terraform rendered it as written', () => {
      expect(limitsCaller(guarded.get(form))).toBe(true);
      const rendered = statementOf(target(n).policy(), `Form${n}`);
      expect(rendered).toMatchObject({ Effect: 'Allow', Principal: '*', Condition: form.condition(ACCOUNT) });
      expect(limitsCaller(rendered.Condition)).toBe(true);
    });

    test('an outsider with its own account, organization, source and network is denied', async () => {
      const result = await run(form, request(OUTSIDER, { identity: ALLOW_ALL, context: OUTSIDER_CONTEXT }));
      expect(result.decision).not.toBe(A);
    });

    test('an outsider sending none of the condition keys is denied', async () => {
      const result = await run(form, request(OUTSIDER, { identity: ALLOW_ALL }));
      expect(result.decision).not.toBe(A);
    });

    if (form.insider.principal === SERVICE) {
      test('the same service acting for the outsider is denied', async () => {
        const result = await run(form, request(SERVICE, { context: OUTSIDER_CONTEXT }));
        expect(result.decision).not.toBe(A);
      });
    }

    test('an insider matching the condition is allowed, by this statement', async () => {
      const result = await run(form, request(form.insider.principal, { identity: form.insider.identity, context: form.insider.context }));
      expect(result.decision).toBe(A);
    });
  });
}

describe('accepted bucket-policy forms deny an outsider and allow an insider (s3:GetObject, Terraform-rendered policy)', () => {
  provesTheFormLimitsTheCaller(BUCKET_FORMS, (n) => ({
    resource: `arn:aws:s3:::${BUCKET}/form-${n}/object.txt`,
    policy: bucketPolicy,
    action: 's3:GetObject',
  }));

  test('no insider is allowed outside the forms\' prefixes: the grants come from the form statements', async () => {
    for (const form of BUCKET_FORMS) {
      const { decision } = await simulate({
        principal: form.insider.principal,
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${BUCKET}/unlisted/object.txt`,
        resourcePolicy: bucketPolicy(),
        identityPolicies: form.insider.identity ? [form.insider.identity] : [],
        context: form.insider.context,
      });
      expect({ form: form.name, decision }).toEqual({ form: form.name, decision: expect.not.stringMatching(/^Allowed$/) });
    }
  });
});

describe('accepted key-policy forms deny an outsider and allow an insider (kms:Decrypt, Terraform-rendered policy)', () => {
  provesTheFormLimitsTheCaller(KEY_FORMS, (n) => ({
    resource: key(keyAlias(n)).arn,
    policy: () => key(keyAlias(n)).policy,
    action: 'kms:Decrypt',
  }));

  test('no insider may use another action: the grants come from the form statements', async () => {
    for (const [n, form] of KEY_FORMS.entries()) {
      const { arn, policy } = key(keyAlias(n));
      const { decision } = await simulate({
        principal: form.insider.principal,
        action: 'kms:Encrypt',
        resource: arn,
        resourcePolicy: policy,
        identityPolicies: form.insider.identity ? [form.insider.identity] : [],
        context: form.insider.context,
      });
      expect({ form: form.name, decision }).toEqual({ form: form.name, decision: expect.not.stringMatching(/^Allowed$/) });
    }
  });
});

/** A refused form: the guards reject it, and an IAM evaluation shows why. */
interface RefusedForm {
  readonly name: string;
  readonly condition: Conditions;
  readonly kind: 'bucket' | 'key';
  readonly keys: string[];
}

const REFUSED: RefusedForm[] = [
  {
    name: 'ForAllValues:StringEquals aws:PrincipalOrgID (true when the key is absent)',
    condition: cond('ForAllValues:StringEquals', 'aws:PrincipalOrgID', ORG),
    kind: 'key',
    keys: [],
  },
  {
    name: 'StringLike aws:PrincipalArn arn:aws:iam::*:role/* (any account)',
    condition: cond('StringLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/*'),
    kind: 'bucket',
    keys: ['aws:PrincipalArn'],
  },
  {
    name: 'StringLike kms:CallerAccount ?* (any account)',
    condition: cond('StringLike', 'kms:CallerAccount', '?*'),
    kind: 'key',
    keys: ['kms:CallerAccount'],
  },
];

const REFUSED_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

describe('refused forms let an outsider in, and the guards refuse them', () => {
  test.each(REFUSED.map((form) => [form.name, form] as const))('%s', async (_name, form) => {
    expect(limitsCaller(form.condition)).toBe(false);

    const action = form.kind === 'bucket' ? 's3:GetObject' : 'kms:Decrypt';
    const statement: DataAwsIamPolicyDocumentStatement = {
      sid: 'Refused',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: [action],
      resources: form.kind === 'bucket' ? [`arn:aws:s3:::${BUCKET}/*`] : undefined,
      condition: conditionBlocks(form.condition),
    };
    const stack = new TerraformStack(new App(), 'guard');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const guard = form.kind === 'bucket'
      ? () => new EncryptedBucket(stack, 'Bucket', { bucketName: BUCKET, policyStatements: [statement] })
      : () => new ManagedCmk(stack, 'Key', { alias: 'refused', policyStatements: [statement] });
    expect(guard).toThrow(/must not Allow the "\*" principal/);

    // The same statement, hand-written, evaluated for the outsider with no organization context.
    const result = await simulate({
      principal: OUTSIDER,
      action,
      resource: form.kind === 'bucket' ? `arn:aws:s3:::${BUCKET}/object.txt` : REFUSED_KEY,
      identityPolicies: [ALLOW_ALL],
      resourcePolicy: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Refused', Effect: 'Allow', Principal: '*', Action: action, Resource: form.kind === 'bucket' ? `arn:aws:s3:::${BUCKET}/*` : '*', Condition: form.condition }],
      },
    });
    const ignored = result.ignoredContextKeys.map((k) => k.toLowerCase());
    expect(form.keys.filter((k) => ignored.includes(k.toLowerCase()))).toEqual([]);
    expect(result.context['aws:PrincipalOrgID']).toBeUndefined();
    expect(result.decision).toBe(A);
  });
});
