import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The account, partition and region that one provider of a stack deploys into, read
 * once per (stack, provider).
 *
 * Every key policy and bucket policy needs them; sharing one data source per stack and
 * provider keeps plans small however many constructs there are. A construct on an
 * aliased provider gets data sources on that provider: its account and region, not the
 * default provider's.
 */
export class StackContext {
  /**
   * The context of the stack that holds `scope`, for `provider` (the stack's default
   * provider when undefined, or when `provider` has no alias: that is the default).
   */
  public static of(scope: IConstruct, provider?: TerraformProvider): StackContext {
    const stack = TerraformStack.of(scope);
    const aliased = provider?.alias !== undefined ? provider : undefined;
    const byProvider = CONTEXTS.get(stack) ?? new Map<TerraformProvider | undefined, StackContext>();
    CONTEXTS.set(stack, byProvider);
    let context = byProvider.get(aliased);
    if (!context) {
      context = new StackContext(stack, aliased);
      byProvider.set(aliased, context);
    }
    return context;
  }

  private partitionData?: DataAwsPartition;
  /**
   * Attribute references already made. Each read of a data-source attribute creates a
   * new token (and cdktf captures a stack trace for it), so read each one once.
   */
  private readonly references = new Map<string, string>();

  private constructor(private readonly stack: TerraformStack, private readonly provider?: TerraformProvider) {}

  public get accountId(): string {
    return this.reference('accountId', () => this.dataSource('CallerIdentity', (id, provider) => new DataAwsCallerIdentity(this.stack, id, { provider })).accountId);
  }

  public get partition(): string {
    return this.reference('partition', () => this.partitionSource().partition);
  }

  /** The partition's DNS suffix: `amazonaws.com`, or `amazonaws.com.cn` in China. */
  public get dnsSuffix(): string {
    return this.reference('dnsSuffix', () => this.partitionSource().dnsSuffix);
  }

  public get region(): string {
    // `id` is the region's name in AWS provider 5.x and 6.x; `name` is deprecated in 6.x.
    return this.reference('region', () => this.dataSource('Region', (id, provider) => new DataAwsRegion(this.stack, id, { provider })).id);
  }

  /** `arn:<partition>:iam::<account>:root`, the principal that stands for the account. */
  public get accountRootArn(): string {
    return this.reference('accountRootArn', () => `arn:${this.partition}:iam::${this.accountId}:root`);
  }

  /** `s3.<region>.<dns suffix>`: the `kms:ViaService` of S3 requests in this region. */
  public get s3ServiceName(): string {
    return this.reference('s3ServiceName', () => `s3.${this.region}.${this.dnsSuffix}`);
  }

  /**
   * The provider's region when the configuration states it as a literal (the AWS
   * provider's `region`), else undefined: it comes from the environment or a token,
   * and is known only when Terraform runs.
   */
  public get knownRegion(): string | undefined {
    const region = this.providerConfig?.region;
    return isLiteral(region) ? region : undefined;
  }

  /**
   * The provider's account when the configuration states it as a literal: one
   * `allowed_account_ids` entry, or the account of a literal `assume_role` role ARN.
   * Else undefined: it is known only when Terraform runs.
   */
  public get knownAccountId(): string | undefined {
    const config = this.providerConfig;
    const allowed = config?.allowedAccountIds;
    if (Array.isArray(allowed) && allowed.length === 1 && isLiteral(allowed[0])) return allowed[0];
    const assumeRole = config?.assumeRole;
    const roleArn = Array.isArray(assumeRole) && assumeRole.length === 1 ? assumeRole[0]?.roleArn : undefined;
    return isLiteral(roleArn) ? roleArn.split(':')[4] : undefined;
  }

  /** The AWS provider's configuration, read as plain values (any copy of the provider classes). */
  private get providerConfig(): AwsProviderConfig | undefined {
    return (this.provider ?? defaultAwsProvider(this.stack)) as AwsProviderConfig | undefined;
  }

  private partitionSource(): DataAwsPartition {
    this.partitionData ??= this.dataSource('Partition', (id, provider) => new DataAwsPartition(this.stack, id, { provider }));
    return this.partitionData;
  }

  /**
   * The data source of this kind for this provider, made on first use. Another copy of
   * this library in the same app (two versions in node_modules) has its own cache but
   * the same ids, so one already in the tree is reused rather than clashing with it.
   */
  private dataSource<T>(kind: string, create: (id: string, provider?: TerraformProvider) => T): T {
    // The default provider keeps the ids it always had; an alias names its own.
    const id = this.provider ? `${PREFIX}${kind}_${providerSuffix(this.provider)}` : `${PREFIX}${kind}`;
    return (this.stack.node.tryFindChild(id) as T | undefined) ?? create(id, this.provider);
  }

  private reference(name: string, read: () => string): string {
    let value = this.references.get(name);
    if (value === undefined) {
      value = read();
      this.references.set(name, value);
    }
    return value;
  }
}

/** The alias, when it is a literal that can be part of a construct id. */
function providerSuffix(provider: TerraformProvider): string {
  const alias = provider.alias;
  return alias !== undefined && /^[A-Za-z0-9_-]+$/.test(alias) ? alias : provider.node.addr.slice(0, 8);
}

/** What `knownRegion` and `knownAccountId` read of an AWS provider. */
interface AwsProviderConfig {
  readonly region?: unknown;
  readonly allowedAccountIds?: unknown;
  readonly assumeRole?: unknown;
}

function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && !Token.isUnresolved(value);
}

/** The stack's AWS provider without an alias, if it has one. */
function defaultAwsProvider(stack: TerraformStack): TerraformProvider | undefined {
  return stack.node.children.find((child): child is TerraformProvider =>
    child instanceof TerraformProvider && child.terraformResourceType === 'aws' && child.alias === undefined);
}

const PREFIX = 'EncryptedS3';
const CONTEXTS = new WeakMap<TerraformStack, Map<TerraformProvider | undefined, StackContext>>();
