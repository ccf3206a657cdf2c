// N EncryptedBuckets, each creating its own ManagedCmk (the defaults).
require('./synth-harness').synthCase(() => {
  const { EncryptedBucket } = require('../../lib/index.js');
  return (stack, n) => {
    for (let i = 0; i < n; i++) new EncryptedBucket(stack, `B${i}`);
  };
});
