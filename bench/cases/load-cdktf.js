// require() of cdktf and constructs alone: the floor every cdktf library (and the provider) pays.
const { report } = require('./report');
const start = performance.now();
require('cdktf');
require('constructs');
report({ loadMs: performance.now() - start, totalMs: performance.now() });
