// The few series the side-by-side reads from the gateway's /metrics (Prometheus text format):
// a counter summed over its labels, and a histogram's buckets, from which a quantile of the
// observations made during a slice is estimated. Written here rather than taken from a package:
// it is a few lines, and the npm clients for Prometheus serve metrics rather than read them.

/** The samples of series `name` (any labels) as [label text, value] pairs; lines of other series, malformed or not numeric, are left out. */
function samples(text, name) {
  const found = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    let rest = line.slice(name.length);
    let labels = '';
    if (rest.startsWith('{')) {
      const end = labelsEnd(rest);
      if (end < 0) continue;
      labels = rest.slice(1, end);
      rest = rest.slice(end + 1);
    }
    // After the name (and labels) come whitespace, the value, and perhaps a timestamp.
    if (!/^[ \t]/.test(rest)) continue;
    const value = Number(rest.trim().split(/\s+/)[0]);
    if (Number.isFinite(value)) found.push([labels, value]);
  }
  return found;
}

/** Where the label set opening `text` closes: the first `}` outside a quoted value; -1 when it does not. */
function labelsEnd(text) {
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    if (quoted && text[i] === '\\') i++;
    else if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === '}') return i;
  }
  return -1;
}

/** The sum of every sample of counter `name` (one per stream thread, say); undefined when it has none. */
export function counterSum(text, name) {
  const values = samples(text, name).map(([, value]) => value);
  return values.length ? values.reduce((sum, value) => sum + value, 0) : undefined;
}

/**
 * The cumulative buckets of histogram `name` as [upper bound, count] pairs in ascending order,
 * +Inf last, summed over any labels but `le`; undefined when it has none.
 */
export function histogramBuckets(text, name) {
  const counts = new Map();
  for (const [labels, value] of samples(text, `${name}_bucket`)) {
    const le = labels.match(/(?:^|,)\s*le="([^"]+)"/)?.[1];
    const bound = le === '+Inf' ? Infinity : Number(le);
    if (le === undefined || Number.isNaN(bound)) continue;
    counts.set(bound, (counts.get(bound) ?? 0) + value);
  }
  return counts.size ? [...counts.entries()].sort((a, b) => a[0] - b[0]) : undefined;
}

const sameBounds = (a, b) => a.length === b.length && a.every(([bound], i) => bound === b[i][0]);

/**
 * The observations between two readings of the same histogram: `after`'s buckets less
 * `before`'s; undefined when the two cannot be compared (other bounds, or fewer observations
 * after than before: the process restarted).
 */
export function bucketsBetween(before, after) {
  if (!sameBounds(before, after) || after.at(-1)[1] < before.at(-1)[1]) return undefined;
  return after.map(([bound, count], i) => [bound, count - before[i][1]]);
}

/** Two sets of buckets of the same histogram added up; `a` may be undefined. Undefined when the bounds differ. */
export function addBuckets(a, b) {
  if (!a) return b;
  return sameBounds(a, b) ? b.map(([bound, count], i) => [bound, a[i][1] + count]) : undefined;
}

/**
 * The q-quantile of cumulative buckets, interpolated linearly within the bucket it falls in (as
 * Prometheus' histogram_quantile does; the first bucket starts at 0, and one that falls in +Inf is
 * the highest finite bound). So it is only as fine as the buckets. Undefined without observations
 * or without a finite bound.
 */
export function quantile(buckets, q) {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total <= 0 || buckets.length < 2) return undefined;
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
