import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own app: import { ManagedCmk } from 'cdktf-encrypted-s3';
import { ManagedCmk } from '../src';
import { awsProvider, deployerArn } from './common';

/**
 * A single-Region symmetric key whose administrator is whoever deploys it. It opts in
 * to being destroyed: `cdktf destroy` schedules its deletion in 7 days.
 */
export class ManagedCmkStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this);

    const key = new ManagedCmk(this, 'Key', {
      alias: 'managed-cmk-example',
      description: 'Customer managed key administered by the identity that deployed it',
      deletionWindowInDays: 7,
      // A throwaway example: `cdktf destroy` may schedule the key's deletion.
      dangerouslyAllowKeyDestroy: true,
      keyAdministratorArns: [deployerArn(this)],
    });

    new TerraformOutput(this, 'key_arn', { value: key.keyArn });
    new TerraformOutput(this, 'key_alias', { value: key.aliasName });
  }
}
