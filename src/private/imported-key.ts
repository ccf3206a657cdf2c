import { TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { attachIdentityPolicy, GrantIdentity, keyStatement } from './grants';
import { KEY_USER_ACTIONS } from './perms';
import { KEY_ARN, PropValidator } from './validation';
import type { IEncryptionKey } from '../encryption-key';

/** A key known only by its ARN (`ManagedCmk.fromKeyArn`): its policy is not managed here. */
export class ImportedKey extends Construct implements IEncryptionKey {
  constructor(scope: Construct, id: string, public readonly keyArn: string) {
    super(scope, id);
    if (!Token.isUnresolved(keyArn) && !KEY_ARN.test(keyArn)) {
      new PropValidator(this, 'ManagedCmk.fromKeyArn').fail(
        'keyArn',
        'must be a key ARN such as arn:aws:kms:us-east-1:111122223333:key/<key id>; alias ARNs and key ids never match S3\'s key-id condition',
        keyArn,
      );
    }
  }

  public grantEncryptDecrypt(grantee: GrantIdentity): TerraformResource {
    return attachIdentityPolicy(this, 'EncryptDecrypt', grantee, [keyStatement(this.keyArn, KEY_USER_ACTIONS)]);
  }
}
