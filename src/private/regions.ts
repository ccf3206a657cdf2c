import { TerraformProvider, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { StackContext } from './stack-context';
import type { IEncryptionKey } from '../encryption-key';

/**
 * The region a key lives in, when it is known at synth: from a literal key ARN, or from
 * the literal `region` of the provider a key is created with. Undefined otherwise.
 */
export function knownKeyRegion(key: IEncryptionKey): string | undefined {
  if (!Token.isUnresolved(key.keyArn)) return key.keyArn.split(':')[3];
  const provider = (key as { provider?: TerraformProvider }).provider;
  return isManagedKey(key) ? StackContext.of(key, provider).knownRegion : undefined;
}

/** The region of the provider a construct's resources are created with, when known at synth. */
export function knownRegion(scope: IConstruct, provider: TerraformProvider | undefined): string | undefined {
  return StackContext.of(scope, provider).knownRegion;
}

/** A key this library creates (a ManagedCmk), without importing the class. */
function isManagedKey(key: IEncryptionKey): boolean {
  return 'kmsKey' in key;
}
