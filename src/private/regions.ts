import { TerraformProvider, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { isManagedKey } from './managed-key';
import { StackContext } from './stack-context';
import { PropValidator } from './validation';
import type { IEncryptionKey } from '../encryption-key';

/**
 * The region a key lives in, when it is known at synth: from a literal key ARN, or from
 * the literal `region` of the provider a key is created with. Undefined otherwise.
 */
export function knownKeyRegion(key: IEncryptionKey): string | undefined {
  if (!Token.isUnresolved(key.keyArn)) return key.keyArn.split(':')[3];
  return isManagedKey(key) ? StackContext.of(key, key.provider).knownRegion : undefined;
}

/** The region of the provider a construct's resources are created with, when known at synth. */
export function knownRegion(scope: IConstruct, provider: TerraformProvider | undefined): string | undefined {
  return StackContext.of(scope, provider).knownRegion;
}

/**
 * S3 uses only keys in the bucket's own region: refuses `key` (the option `encryptionKey`
 * of the bucket `scope`) when both regions are known and differ.
 */
export function checkKeyInBucketRegion(v: PropValidator, scope: IConstruct, provider: TerraformProvider | undefined, key: IEncryptionKey): void {
  const bucketRegion = knownRegion(scope, provider);
  const keyRegion = knownKeyRegion(key);
  if (bucketRegion !== undefined && keyRegion !== undefined && bucketRegion !== keyRegion) {
    v.fail(
      'encryptionKey',
      `must be in the bucket's region, ${bucketRegion} (S3 uses only keys in the bucket's own region); give the key and the bucket the same provider region`,
      `${key.node.path} in ${keyRegion}`,
    );
  }
}

/**
 * A multi-Region replica lives in another region of its primary's account: refuses the
 * replica's `provider` when it is the primary's (the same region, known or not), or when
 * its region or account is known at synth and is the primary's region or another account.
 */
export function checkReplicaPlacement(
  v: PropValidator,
  replica: IConstruct,
  provider: TerraformProvider,
  primary: IEncryptionKey & { readonly provider?: TerraformProvider },
): void {
  const [replicaContext, primaryContext] = [StackContext.of(replica, provider), StackContext.of(primary, primary.provider)];
  const primaryRegion = primaryContext.knownRegion;
  if (replicaContext === primaryContext) {
    v.fail('provider', 'must be another region\'s provider than the primary key\'s: KMS puts a replica in a region its primary is not in', primaryRegion ?? `${primary.node.path}'s provider`);
  }
  const replicaRegion = replicaContext.knownRegion;
  if (replicaRegion !== undefined && replicaRegion === primaryRegion) {
    v.fail('provider', `must be in another region than the primary key's, ${primaryRegion}: KMS puts a replica in a region its primary is not in`, replicaRegion);
  }
  const [replicaAccount, primaryAccount] = [replicaContext.knownAccountId, primaryContext.knownAccountId];
  if (replicaAccount !== undefined && primaryAccount !== undefined && replicaAccount !== primaryAccount) {
    v.fail('provider', `must be in the primary key's account, ${primaryAccount}: KMS replicates a key only within its account`, replicaAccount);
  }
}
