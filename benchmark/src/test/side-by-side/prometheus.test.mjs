// Reading the gateway's /metrics: a counter over its labels, a histogram's buckets, and the
// median of the observations made between two readings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addBuckets, bucketsBetween, counterSum, histogramBuckets, quantile } from '../../main/side-by-side/prometheus.mjs';

const scrape = (waits, commits) => [
  '# HELP mcpgw_decision_wait_seconds From proposing a tool call to receiving its decision',
  '# TYPE mcpgw_decision_wait_seconds histogram',
  `mcpgw_decision_wait_seconds_bucket{le="0.001"} ${waits[0]}`,
  `mcpgw_decision_wait_seconds_bucket{le="0.002"} ${waits[1]}`,
  `mcpgw_decision_wait_seconds_bucket{le="0.004"} ${waits[2]}`,
  `mcpgw_decision_wait_seconds_bucket{le="+Inf"} ${waits[3]}`,
  `mcpgw_decision_wait_seconds_count ${waits[3]}`,
  'mcpgw_decision_wait_seconds_sum 0.5',
  '# TYPE kafka_stream_thread_commit_total counter',
  `kafka_stream_thread_commit_total{thread_id="decision-stream-StreamThread-1"} ${commits[0]}`,
  `kafka_stream_thread_commit_total{thread_id="decision-stream-StreamThread-2"} ${commits[1]}`,
  '',
].join('\n');

test('a counter is summed over its labels, and is undefined when absent', () => {
  const text = scrape([0, 0, 0, 0], [12, 30]);
  assert.equal(counterSum(text, 'kafka_stream_thread_commit_total'), 42);
  assert.equal(counterSum(text, 'kafka_stream_thread_process_total'), undefined);
});

test('a histogram reads as cumulative buckets in ascending order, +Inf last; its _count and _sum are not buckets', () => {
  assert.deepEqual(histogramBuckets(scrape([1, 5, 9, 10], [0, 0]), 'mcpgw_decision_wait_seconds'),
    [[0.001, 1], [0.002, 5], [0.004, 9], [Infinity, 10]]);
  assert.equal(histogramBuckets(scrape([1, 5, 9, 10], [0, 0]), 'mcpgw_no_such_seconds'), undefined);
});

test('buckets with other labels than le are added up by bound', () => {
  const text = ['h_bucket{effect="ALLOW",le="1.0"} 2', 'h_bucket{effect="DENY",le="1.0"} 3', 'h_bucket{le="+Inf",effect="ALLOW"} 4',
    'h_bucket{le="+Inf",effect="DENY"} 3'].join('\n');
  assert.deepEqual(histogramBuckets(text, 'h'), [[1, 5], [Infinity, 7]]);
});

test('the observations of a slice are the second reading less the first, and slices add up', () => {
  const before = histogramBuckets(scrape([1, 5, 9, 10], [0, 0]), 'mcpgw_decision_wait_seconds');
  const after = histogramBuckets(scrape([1, 7, 15, 16], [0, 0]), 'mcpgw_decision_wait_seconds');
  const slice = bucketsBetween(before, after);
  assert.deepEqual(slice, [[0.001, 0], [0.002, 2], [0.004, 6], [Infinity, 6]]);
  assert.deepEqual(addBuckets(undefined, slice), slice);
  assert.deepEqual(addBuckets(slice, slice), [[0.001, 0], [0.002, 4], [0.004, 12], [Infinity, 12]]);
});

test('the median is interpolated within the bucket it falls in', () => {
  // 10 observations: 2 up to 1 ms, 6 more up to 2 ms, 2 more up to 4 ms. The 5th lies 3/6 into (1, 2].
  assert.equal(quantile([[0.001, 2], [0.002, 8], [0.004, 10], [Infinity, 10]], 0.5), 0.0015);
  // All in the first bucket: interpolated from 0.
  assert.equal(quantile([[0.002, 4], [Infinity, 4]], 0.5), 0.001);
});

test('a median beyond the highest finite bound is that bound, and no observation or no finite bound gives no median', () => {
  assert.equal(quantile([[0.001, 1], [0.002, 1], [Infinity, 5]], 0.5), 0.002);
  assert.equal(quantile([[0.001, 0], [Infinity, 0]], 0.5), undefined);
  assert.equal(quantile([[Infinity, 4]], 0.5), undefined);
  assert.equal(quantile([], 0.5), undefined);
});

test('a median that falls exactly on a bound is that bound', () => {
  assert.equal(quantile([[0.001, 5], [0.002, 10], [Infinity, 10]], 0.5), 0.001);
});

test('readings that cannot be compared give no observations: other bounds, or a histogram that went back (a restart)', () => {
  assert.equal(bucketsBetween([[0.001, 1], [Infinity, 2]], [[0.002, 1], [Infinity, 3]]), undefined);
  assert.equal(bucketsBetween([[0.001, 1], [Infinity, 2]], [[0.001, 1], [0.002, 2], [Infinity, 3]]), undefined);
  assert.equal(bucketsBetween([[0.001, 5], [Infinity, 9]], [[0.001, 1], [Infinity, 4]]), undefined);
  assert.equal(addBuckets([[0.001, 1], [Infinity, 2]], [[0.002, 1], [Infinity, 3]]), undefined);
});

test('a sample is its name, its labels, whitespace and its value; a timestamp after it and trailing blanks are not the value', () => {
  assert.equal(counterSum('c_total{a="x"} 5 1700000000000\nc_total{a="y"} 2   \r', 'c_total'), 7);
  assert.equal(counterSum('c_total 3\n', 'c_total'), 3);
});

test('a series whose name only begins with the one asked for is another series', () => {
  const text = 'c_total_extra{a="x"} 100\nc_totals 50\nc_total{a="x"} 1\n';
  assert.equal(counterSum(text, 'c_total'), 1);
});

test('labels are read whatever their order, spacing or quoting, and the older Micrometer trailing comma', () => {
  const text = [
    'h_bucket{a="b", le="1.0E-3",} 2',
    'h_bucket{le="+Inf",note="a } and a \\"quote\\""} 3',
    'h_bucket{le="not a number"} 9',
  ].join('\n');
  assert.deepEqual(histogramBuckets(text, 'h'), [[0.001, 2], [Infinity, 3]]);
});

test('a value that is not a number leaves its line out', () => {
  assert.equal(counterSum('c_total{a="x"} NaN\nc_total{a="y"} 4\nc_total{a="z"} four\n', 'c_total'), 4);
});
