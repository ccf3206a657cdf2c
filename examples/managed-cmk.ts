import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own app: import { ManagedCmk } from 'cdktf-encrypted-s3';
import { ManagedCmk } from '../src';
import { awsProvider } from './region';

/**
 * Seed 003, first part: a single-Region symmetric key whose administrator is whoever
 * deploys it, scheduled for deletion 7 days after `cdktf destroy`.
 */
export class ManagedCmkStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this);

    // The deploying identity; for a role session, the role itself (issuer), so the
    // key policy names a stable principal, not one session.
    const caller = new DataAwsCallerIdentity(this, 'Caller');
    const deployer = new DataAwsIamSessionContext(this, 'Deployer', { arn: caller.arn });
    const key = new ManagedCmk(this, 'Key', {
      alias: 'managed-cmk-example',
      description: 'Customer managed key administered by the identity that deployed it',
      deletionWindowInDays: 7,
      keyAdministratorArns: [deployer.issuerArn],
    });

    new TerraformOutput(this, 'key_arn', { value: key.keyArn });
    new TerraformOutput(this, 'key_alias', { value: key.aliasName });
  }
}
