// require() of the provider's root entry point, which loads every resource class.
const { report } = require('./report');
const start = performance.now();
require('@cdktf/provider-aws');
report({ loadMs: performance.now() - start, totalMs: performance.now() });
