// The command line of side-by-side.mjs: --name value pairs over these defaults. The defaults make
// the full run (about ten minutes on 2 cores); a smoke run shortens every phase.
const DEFAULTS = {
  targets: 'direct,mcp-proxy,gateway',
  eras: '2025,2026',
  warmupCalls: 4000,      // per target and era, 8 in flight, not recorded: the JIT of the gateway (the method)
  seqRounds: 2,           // sequential rounds; each round gives every target seqCalls calls in turn
  seqCalls: 100,
  rates: '50,100,200,400,800', // fixed-rate open-loop phases, calls/s
  rateSeconds: 6,         // per target and rate, given in rateSlices turns so that noise spreads over the targets
  rateSlices: 2,
  rampStart: 50,          // the ramp: rampStart * rampFactor^k calls/s, rampSeconds each, up to rampMax,
  rampFactor: 1.25,       // a target leaving at the first step it misses twice in a row (p99 over
  rampSeconds: 3,         // sloMs, an error, or under 90% of the offered rate achieved); 0 skips the ramp
  rampMax: 4000,
  sloMs: 100,
  maxInFlight: 1000,      // calls beyond this many in flight are counted as errors, not delayed
  timeoutMs: 10000,
  results: 'results',
  logs: 'logs',
  gateway: '',           // the ./gateway command: the gateway runs as a user runs it (its JDK, JVM options and cache)
  gatewayJava: '',       // a java for the gateway (GATEWAY_JAVA), e.g. a JDK 17's; empty: the newest JDK ./gateway finds
};

const NUMERIC = new Set(Object.keys(DEFAULTS).filter((k) => typeof DEFAULTS[k] === 'number'));

export function parseOptions(argv) {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const name = flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!flag.startsWith('--') || !(name in DEFAULTS) || argv[i + 1] === undefined) {
      throw new Error(`unknown option or missing value: ${flag}; options: ${Object.keys(DEFAULTS).join(', ')}`);
    }
    options[name] = NUMERIC.has(name) ? Number(argv[i + 1]) : argv[i + 1];
    if (NUMERIC.has(name) && (argv[i + 1].trim() === '' || !Number.isFinite(options[name]))) {
      throw new Error(`${flag} takes a number, not '${argv[i + 1]}'`);
    }
  }
  options.targets = options.targets.split(',');
  options.eras = options.eras.split(',');
  const rates = options.rates;
  options.rates = rates.split(',').filter(Boolean).map(Number);
  if (options.rates.some((rate) => !Number.isFinite(rate) || rate <= 0)) {
    throw new Error(`--rates takes calls per second above 0, separated by commas, not '${rates}'`);
  }
  return options;
}
