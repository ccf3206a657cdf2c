import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

/** Every example deploys to AWS_REGION, or us-east-1 when it is unset. */
export function awsProvider(scope: Construct): AwsProvider {
  return new AwsProvider(scope, 'aws', { region: process.env.AWS_REGION ?? 'us-east-1' });
}

/**
 * The ARN of the identity that deploys the stack. For a role session that is the role
 * itself, so the key policy names a stable principal rather than one session.
 */
export function deployerArn(scope: Construct): string {
  const caller = new DataAwsCallerIdentity(scope, 'Caller');
  return new DataAwsIamSessionContext(scope, 'Deployer', { arn: caller.arn }).issuerArn;
}
