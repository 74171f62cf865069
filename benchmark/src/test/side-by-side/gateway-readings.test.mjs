// What the side-by-side reads from the gateway's /metrics around its slices, from a real scrape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GatewayReadings, parseGatewayMetrics } from '../../main/side-by-side/gateway-readings.mjs';

const scrape = readFileSync(new URL('./gateway-metrics.txt', import.meta.url), 'utf8');

/** The scrape with its stream commit counter set to `commits` and its decision waits to `waitsMs`. */
function withCounts(commits, waitsMs) {
  return scrape.split('\n').map((line) => {
    if (line.startsWith('kafka_stream_thread_commit_total{')) return line.replace(/ \S+$/, ` ${commits}.0`);
    const le = line.match(/^mcpgw_decision_wait_seconds_bucket\{le="([^"]+)"\}/)?.[1];
    if (le === undefined) return line;
    const bound = le === '+Inf' ? Infinity : Number(le) * 1000;
    return line.replace(/ \S+$/, ` ${waitsMs.filter((ms) => ms <= bound).length}`);
  }).join('\n');
}

test("the gateway's scrape gives its commit counter and the decision wait's buckets, +Inf last", () => {
  const reading = parseGatewayMetrics(scrape);
  assert.equal(reading.commits, 246);
  assert.equal(reading.decisionWait.length, 83);
  assert.deepEqual(reading.decisionWait[0], [0.001, 0]);
  assert.deepEqual(reading.decisionWait.at(-1), [Infinity, 200]);
  assert.equal(reading.decisionWait.at(-1)[0], Infinity);
  assert.ok(reading.decisionWait.every(([bound], i, all) => i === 0 || bound > all[i - 1][0]));
});

test("the scrape has the gateway's own bounds where decisions fall, every 0.5 ms from 4.5 to 10 ms and at 18 and 20 ms", () => {
  const bounds = new Set(parseGatewayMetrics(scrape).decisionWait.map(([bound]) => bound));
  const gateways = [...Array.from({ length: 12 }, (_, i) => (4.5 + i * 0.5) / 1000), 0.018, 0.02];
  assert.deepEqual(gateways.filter((bound) => !bounds.has(bound)), []);
});

test('the readings around two slices give the calls per commit and the median wait of those slices alone', () => {
  const readings = new GatewayReadings();
  const first = parseGatewayMetrics(withCounts(10, [2, 3]));
  const second = parseGatewayMetrics(withCounts(14, [2, 3, 4.5, 4.6, 4.7]));
  const third = parseGatewayMetrics(withCounts(20, [2, 3, 4.5, 4.6, 4.7, 5, 9, 9.5]));
  readings.observed(first, second, 8);
  readings.observed(second, third, 12);
  const summary = readings.summary();
  assert.equal(summary.streamCommits, 10);
  assert.equal(summary.callsPerCommit, 2);
  // Six waits, 4.5 to 9.5 ms; the median lies in the bucket (4.5, 5] ms that holds three of them.
  assert.ok(summary.decisionP50 > 4.5 && summary.decisionP50 <= 5, `median ${summary.decisionP50}`);
});

test('a slice whose readings cannot be compared is left out, and nothing read gives no figures', () => {
  const readings = new GatewayReadings();
  assert.deepEqual(readings.summary(), { streamCommits: undefined, callsPerCommit: undefined, decisionP50: undefined });
  const before = parseGatewayMetrics(withCounts(50, [1, 2, 3]));
  const restarted = parseGatewayMetrics(withCounts(3, [2]));
  readings.observed(before, restarted, 30);
  readings.observed({ commits: undefined, decisionWait: undefined }, restarted, 30);
  assert.deepEqual(readings.summary(), { streamCommits: undefined, callsPerCommit: undefined, decisionP50: undefined });
});
