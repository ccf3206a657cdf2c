// Shared by the case scripts: prints the one line the parent (bench/measure.ts) parses.
// Times are ms from performance.now() (since this process started); cpuMs is user + system
// CPU time of the whole process, which machine load distorts less than wall time.
exports.report = (fields) => {
  const { user, system } = process.cpuUsage();
  const all = { ...fields, cpuMs: (user + system) / 1000 };
  const rounded = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  console.log('BENCH ' + JSON.stringify({ ...rounded, maxRssKb: process.resourceUsage().maxRSS }));
};
