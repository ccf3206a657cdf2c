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

  private callerIdentity?: DataAwsCallerIdentity;
  private partitionData?: DataAwsPartition;
  private regionData?: DataAwsRegion;

  private constructor(private readonly stack: TerraformStack) {}

  public get accountId(): string {
    this.callerIdentity ??= new DataAwsCallerIdentity(this.stack, `${PREFIX}CallerIdentity`);
    return this.callerIdentity.accountId;
  }

  public get partition(): string {
    this.partitionData ??= new DataAwsPartition(this.stack, `${PREFIX}Partition`);
    return this.partitionData.partition;
  }

  public get region(): string {
    this.regionData ??= new DataAwsRegion(this.stack, `${PREFIX}Region`);
    // `id` is the region's name in AWS provider 5.x and 6.x; `name` is deprecated in 6.x.
    return this.regionData.id;
  }

  /** The partition's DNS suffix: `amazonaws.com`, or `amazonaws.com.cn` in China. */
  public get dnsSuffix(): string {
    this.partitionData ??= new DataAwsPartition(this.stack, `${PREFIX}Partition`);
    return this.partitionData.dnsSuffix;
  }

  /** `arn:<partition>:iam::<account>:root`, the principal that stands for the account. */
  public get accountRootArn(): string {
    return `arn:${this.partition}:iam::${this.accountId}:root`;
  }
}

const PREFIX = 'EncryptedS3';
const CONTEXTS = new WeakMap<TerraformStack, StackContext>();
