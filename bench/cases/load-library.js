// require() of the built library (which itself requires cdktf, constructs and its deep imports).
const { report } = require('./report');
const start = performance.now();
require('../../lib/index.js');
report({ loadMs: performance.now() - start, totalMs: performance.now() });
