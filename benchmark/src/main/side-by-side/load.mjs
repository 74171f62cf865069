// The three ways of loading a target, each giving a latency histogram (HdrHistogram, in
// microseconds) and counts. Open-loop latency is taken from each call's scheduled send time, so a
// target that falls behind is charged for the wait it caused (no coordinated omission).
import hdr from 'hdr-histogram-js';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { GatewayReadings } from './gateway-readings.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The calls of one target and era in one phase, over however many slices the phase gives it. */
export class Tally {
  constructor(offered) {
    this.offered = offered;
    this.histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
    this.sent = 0;
    this.ok = 0;
    this.errors = 0;
    this.errorKinds = {};
    this.seconds = 0;
    this.targetCpu = 0;
    this.clientCpu = 0;
    this.otherCpu = 0;
    // For the gateway: what its /metrics said around this phase's slices.
    this.gateway = new GatewayReadings();
  }

  succeeded(micros) {
    this.ok++;
    this.histogram.recordValue(Math.max(1, Math.round(micros)));
  }

  failed(reason) {
    this.errors++;
    const kind = errorKind(reason);
    this.errorKinds[kind] = (this.errorKinds[kind] ?? 0) + 1;
  }

  /**
   * One slice's wall time and the CPU time used in it by the target's processes, by this client,
   * and by everything else on the machine (other targets at rest, other people's work: the noise).
   */
  spent(seconds, targetCpuSeconds, clientCpuSeconds, otherCpuSeconds) {
    this.seconds += seconds;
    this.targetCpu += targetCpuSeconds;
    this.clientCpu += clientCpuSeconds;
    this.otherCpu += otherCpuSeconds;
  }

  summary() {
    const ms = (percentile) => this.histogram.getValueAtPercentile(percentile) / 1000;
    return {
      offered: this.offered, sent: this.sent, ok: this.ok, errors: this.errors, errorKinds: this.errorKinds,
      achieved: this.ok / this.seconds, seconds: this.seconds,
      targetCpuSeconds: this.targetCpu, targetCpuPercent: (100 * this.targetCpu) / this.seconds, cpuMsPerCall: (1000 * this.targetCpu) / this.ok,
      clientCpuPercent: (100 * this.clientCpu) / this.seconds, otherCpuPercent: (100 * this.otherCpu) / this.seconds,
      p50: ms(50), p90: ms(90), p99: ms(99), p999: ms(99.9), max: this.histogram.maxValue / 1000,
      ...this.gateway.summary(),
    };
  }
}

/** `calls` calls with `inFlight` outstanding, nothing recorded: warms the target (and the JIT in it). */
export async function warmUp(client, calls, inFlight, timeoutMs) {
  let next = 0;
  const worker = async () => {
    while (next++ < calls) await client.call(timeoutMs).catch(() => {});
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** One call after another, each timed from its own send. */
export async function sequential(client, calls, timeoutMs, tally) {
  for (let i = 0; i < calls; i++) {
    const sent = performance.now();
    tally.sent++;
    try {
      await client.call(timeoutMs);
      tally.succeeded((performance.now() - sent) * 1000);
    } catch (error) {
      tally.failed(error);
    }
  }
}

/**
 * Calls sent at `rate` per second for `seconds`, whether or not earlier ones have
 * answered; then waits for the last answer. A call that would exceed `maxInFlight` is not
 * sent and counts as an error.
 */
export async function openLoop(client, rate, seconds, { maxInFlight, timeoutMs }, tally) {
  const total = Math.round(rate * seconds);
  const pending = new Set();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const early = scheduled - performance.now();
    if (early > 1) {
      await sleep(early);
    } else if (i % 16 === 0) {
      await yieldToEvents(); // behind schedule: still let answers in
    }
    if (pending.size >= maxInFlight) {
      tally.failed(`not sent: ${maxInFlight} calls in flight`);
      continue;
    }
    tally.sent++;
    const call = client.call(timeoutMs).then(
      () => tally.succeeded((performance.now() - scheduled) * 1000),
      (error) => tally.failed(error),
    ).finally(() => pending.delete(call));
    pending.add(call);
  }
  await Promise.all(pending);
}

/**
 * What an error was, without what makes each one unique (its request id, numbers in its text), so
 * that the report counts a kind of error once: a JSON-RPC error by its code and message.
 */
function errorKind(reason) {
  const text = String(reason?.message ?? reason);
  const code = /"code":(-?\d+)/.exec(text);
  if (code) {
    const message = /"message":"([^"]*)/.exec(text);
    return `JSON-RPC error ${code[1]}${message ? `: ${message[1].slice(0, 80)}` : ''}`;
  }
  return text.replace(/\d+/g, 'N').slice(0, 80);
}
