import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

/** Every example deploys to AWS_REGION, or us-east-1 when it is unset. */
export function awsProvider(scope: Construct): AwsProvider {
  return new AwsProvider(scope, 'aws', { region: process.env.AWS_REGION ?? 'us-east-1' });
}
