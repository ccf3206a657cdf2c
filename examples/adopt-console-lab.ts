import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedBucket, EncryptionEnforcement, ManagedCmk } from '../src';
import { awsProvider, deployerArn } from './common';

/** The console-made key and bucket to adopt, and which of the two deploys this is. */
export interface AdoptConsoleLabProps {
  /** The id of the key the console made (the alias `aws-CMK-key` points at it). */
  readonly keyId: string;
  /** The name of the bucket the console made. */
  readonly bucketName: string;
  /**
   * False for the first deploy, which imports and keeps what clients rely on (uploads
   * may name any KMS key, versioning stays off); true for the second, which pins the
   * bucket's key and turns versioning on (uploads must still ask for SSE-KMS).
   */
  readonly tighten: boolean;
}

/**
 * Brings a key and bucket made in the console under the library without recreating
 * them: the key with the alias `aws-CMK-key`, and a bucket whose default encryption
 * uses it with a Bucket Key and whose policy denies uploads without `aws:kms`.
 */
export class AdoptConsoleLabStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AdoptConsoleLabProps) {
    super(scope, id);
    awsProvider(this);

    const key = new ManagedCmk(this, 'Key', {
      alias: 'aws-CMK-key',
      // The console's description, so the first plan does not rewrite it.
      description: 'Customer Master Key for encrypting S3 data',
      // The deployer keeps PutKeyPolicy when the library's key policy replaces the console's.
      keyAdministratorArns: [deployerArn(this)],
      adopt: { keyId: props.keyId },
    });
    const bucket = new EncryptedBucket(this, 'Bucket', {
      encryptionKey: key,
      adopt: {
        bucketName: props.bucketName,
        // The console lab's objects are encrypted with the key adopted above.
        currentKeyArn: key.keyArn,
        // A console bucket has no lifecycle configuration.
        lifecycleConfigurationExists: false,
      },
      // What the console bucket does: uploads must ask for SSE-KMS, with any key.
      encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS,
      pinEncryptionKey: props.tighten,
      versioned: props.tighten,
    });

    new TerraformOutput(this, 'bucket_name', { value: bucket.bucketName });
    new TerraformOutput(this, 'bucket_arn', { value: bucket.bucketArn });
    new TerraformOutput(this, 'key_arn', { value: key.keyArn });
    new TerraformOutput(this, 'key_alias', { value: key.aliasName });
  }
}
