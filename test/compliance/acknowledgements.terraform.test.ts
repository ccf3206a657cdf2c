import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, TerraformStack } from 'cdktf';
import { acknowledgedIn, bucketName } from './helpers';
import { EncryptedBucket, EncryptionCompliance } from '../../src';
import { synthStack, terraformValidate } from '../support/terraform';

describe('acknowledgements', () => {
  test('recorded under "//" pass terraform validate', () => {
    const { dir, json } = synthStack((app) => {
      const stack = new TerraformStack(app, 'acknowledged');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      const data = new EncryptedBucket(stack, 'Data', { versioned: false });
      EncryptionCompliance.acknowledge(data, 'S3-VERSIONING', 'Scratch data.');
      EncryptionCompliance.acknowledge(data, 'KMS-DELETION-WINDOW', 'Not needed, recorded anyway.');
      Aspects.of(stack).add(new EncryptionCompliance());
      return stack;
    });
    expect(acknowledgedIn(json, 'aws_s3_bucket', bucketName(json, 'Data_Bucket'))).toHaveLength(1);
    expect(acknowledgedIn(json, 'aws_kms_key', Object.keys(json.resource.aws_kms_key)[0])).toHaveLength(1);
    expect(terraformValidate(dir).valid).toBe(true);
  });
});
