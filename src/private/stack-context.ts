import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The account, partition and region that a stack deploys into, read once per stack.
 *
 * Every key policy and bucket policy needs them; sharing one data source per stack
 * keeps plans small however many constructs there are.
 */
export class StackContext {
  /** The context of the stack that holds `scope`. */
  public static of(scope: IConstruct): StackContext {
    const stack = TerraformStack.of(scope);
    let context = CONTEXTS.get(stack);
    if (!context) {
      context = new StackContext(stack);
      CONTEXTS.set(stack, context);
    }
    return context;
  }

  private partitionData?: DataAwsPartition;
  /**
   * Attribute references already made. Each read of a data-source attribute creates a
   * new token (and cdktf captures a stack trace for it), so read each one once.
   */
  private readonly references = new Map<string, string>();

  private constructor(private readonly stack: TerraformStack) {}

  public get accountId(): string {
    return this.reference('accountId', () => this.dataSource(`${PREFIX}CallerIdentity`, (id) => new DataAwsCallerIdentity(this.stack, id)).accountId);
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
    return this.reference('region', () => this.dataSource(`${PREFIX}Region`, (id) => new DataAwsRegion(this.stack, id)).id);
  }

  /** `arn:<partition>:iam::<account>:root`, the principal that stands for the account. */
  public get accountRootArn(): string {
    return this.reference('accountRootArn', () => `arn:${this.partition}:iam::${this.accountId}:root`);
  }

  private partitionSource(): DataAwsPartition {
    this.partitionData ??= this.dataSource(`${PREFIX}Partition`, (id) => new DataAwsPartition(this.stack, id));
    return this.partitionData;
  }

  /**
   * The stack's data source with this id, made on first use. Another copy of this
   * library in the same app (two versions in node_modules) has its own cache but the
   * same ids, so one already in the tree is reused rather than clashing with it.
   */
  private dataSource<T>(id: string, create: (id: string) => T): T {
    return (this.stack.node.tryFindChild(id) as T | undefined) ?? create(id);
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

const PREFIX = 'EncryptedS3';
const CONTEXTS = new WeakMap<TerraformStack, StackContext>();
