// require() of what the library loads, done by hand: cdktf, constructs and the deep imports.
// provider-modules.json lists the @cdktf/provider-aws modules that lib/ requires at runtime
// (type-only imports are erased); bench/run.ts warns when it drifts from lib/.
const { report } = require('./report');
const start = performance.now();
require('cdktf');
require('constructs');
for (const name of require('./provider-modules.json')) require(name);
report({ loadMs: performance.now() - start, totalMs: performance.now() });
