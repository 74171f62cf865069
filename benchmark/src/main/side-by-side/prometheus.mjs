// The few series the side-by-side reads from the gateway's /metrics (Prometheus text format):
// a counter summed over its labels, and a histogram's buckets, from which a quantile of the
// observations made during a slice is estimated. Written here rather than taken from a package:
// it is a few lines, and the npm clients for Prometheus serve metrics rather than read them.

const sampleValue = (line) => Number(line.slice(line.lastIndexOf(' ') + 1));

/** The sum of every sample of counter `name` (one per stream thread, say); undefined when it has none. */
export function counterSum(text, name) {
  const values = text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `)).map(sampleValue);
  return values.length ? values.reduce((sum, value) => sum + value, 0) : undefined;
}

/**
 * The cumulative buckets of histogram `name` as [upper bound, count] pairs in ascending order,
 * +Inf last, summed over any labels but `le`; undefined when it has none.
 */
export function histogramBuckets(text, name) {
  const counts = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}_bucket{`)) continue;
    const le = line.match(/[{,]le="([^"]+)"/)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    counts.set(bound, (counts.get(bound) ?? 0) + sampleValue(line));
  }
  return counts.size ? [...counts.entries()].sort((a, b) => a[0] - b[0]) : undefined;
}

/** The observations between two readings of the same histogram: `after`'s buckets less `before`'s. */
export function bucketsBetween(before, after) {
  const earlier = new Map(before);
  return after.map(([bound, count]) => [bound, count - (earlier.get(bound) ?? 0)]);
}

/** Two sets of buckets of the same histogram added up; `a` may be undefined. */
export function addBuckets(a, b) {
  if (!a) return b;
  const sums = new Map(a);
  return b.map(([bound, count]) => [bound, (sums.get(bound) ?? 0) + count]);
}

/**
 * The q-quantile of cumulative buckets, interpolated linearly within the bucket it falls in (as
 * Prometheus' histogram_quantile does; the first bucket starts at 0, and one that falls in +Inf is
 * the highest finite bound); undefined without observations.
 */
export function quantile(buckets, q) {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let [lower, below] = [0, 0];
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (bound === Infinity) return lower;
      return count === below ? bound : lower + ((bound - lower) * (rank - below)) / (count - below);
    }
    [lower, below] = [bound, count];
  }
  return lower;
}
