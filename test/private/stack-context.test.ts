import { TerraformStack } from 'cdktf';
import * as library from '../../src';
import { synthJson, testStack } from '../support/synth';

/**
 * A second copy of the library, as an app gets with two versions in node_modules: its
 * own modules (and caches), sharing cdktf, constructs and the provider with the first.
 */
function secondCopy(): typeof library {
  let copy: typeof library | undefined;
  jest.isolateModules(() => {
    for (const shared of ['cdktf', 'constructs']) {
      const loaded = jest.requireActual(shared);
      jest.doMock(shared, () => loaded);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy needs require inside isolateModules
    copy = require('../../src');
  });
  expect(copy!.EncryptedBucket).not.toBe(library.EncryptedBucket);
  return copy!;
}

describe('StackContext', () => {
  test('two copies of the library in one stack share its data sources instead of clashing', () => {
    const stack: TerraformStack = testStack();
    const other = secondCopy();
    new library.EncryptedBucket(stack, 'One', { serverAccessLogs: { targetBucketName: 'logs-bucket' } });
    new other.EncryptedBucket(stack, 'Two', { serverAccessLogs: { targetBucketName: 'logs-bucket' } });
    new other.ManagedCmk(stack, 'Key', { alias: 'two', restrictKeyUsersToS3: true, keyUserArns: ['arn:aws:iam::111122223333:role/app'] });
    const json = synthJson(stack);
    expect(Object.keys(json.data).sort()).toEqual(['aws_caller_identity', 'aws_partition', 'aws_region']);
    for (const type of Object.keys(json.data)) expect(Object.keys(json.data[type])).toHaveLength(1);
  });
});
