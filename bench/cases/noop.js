// Node startup and exit alone: the floor under every other case.
require('./report').report({ totalMs: performance.now() });
