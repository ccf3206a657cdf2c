/**
 * What Terraform makes of a rendered policy: references filled in, policy variables and
 * `%{` kept literally, in both renderings (JSON text, and jsonencode for list tokens).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { renderPolicy } from '../../src/private/policy-document';
import { renderedState, synthStack } from '../support/terraform';

test('Terraform renders both forms into the intended document', () => {
  const { dir } = synthStack((app) => {
    const stack = new TerraformStack(app, 'render');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const bucket = new S3Bucket(stack, 'B', { bucket: 'render-bucket' });
    const actions = new TerraformVariable(stack, 'actions', { type: 'list(string)', default: ['s3:GetObject', 's3:PutObject'] });
    const resource = `${bucket.arn}/home/\${aws:username}/%{x}`;
    new TerraformOutput(stack, 'text', { value: renderPolicy([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [resource] }]) });
    new TerraformOutput(stack, 'jsonencode', { value: renderPolicy([{ Effect: 'Allow', Action: actions.listValue, Resource: [bucket.arn] }]) });
    return stack;
  });
  const { outputs } = renderedState(dir);
  expect(JSON.parse(outputs.text)).toEqual({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::render-bucket/home/${aws:username}/%{x}'] }],
  });
  expect(JSON.parse(outputs.jsonencode)).toEqual({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::render-bucket'] }],
  });
});
