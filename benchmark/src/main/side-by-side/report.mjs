// The results folder: side-by-side.md (the tables), side-by-side.json (every figure), and
// latency-vs-rate.png (p99 against the offered rate, drawn by gnuplot from latency-vs-rate.dat).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const f = (value, digits = 2) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}x` : '—');

/** Target CPU milliseconds per answered call over several phases. */
function cpuMsPerCall(rows) {
  const ok = rows.reduce((sum, r) => sum + r.summary.ok, 0);
  const cpuSeconds = rows.reduce((sum, r) => sum + r.summary.targetCpuSeconds, 0);
  return ok ? (1000 * cpuSeconds) / ok : undefined;
}

function figures(data) {
  return data.clients.map((client) => {
    const seq = data.sequentialRows.get(client).summary();
    const rated = data.rateRows.filter((r) => r.client === client && r.summary.ok > 0);
    return {
      target: client.target.name, era: client.era,
      seqP50: seq.p50, seqP99: seq.p99,
      sustained: data.sustained.get(client), beyondRamp: data.stillAlive.includes(client),
      cpuMsPerCall: cpuMsPerCall(rated), peakRssMb: data.peakRss[client.target.name], idlePercent: 100 * data.idle[client.target.name],
    };
  });
}

function summaryTable(rows, options) {
  const lines = [
    `| target | era | sequential p50 ms | sequential p99 ms | highest rate with p99 ≤ ${options.sloMs} ms | target CPU ms per call | CPU % at rest | peak RSS MB |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const rate = r.sustained ? `${r.sustained}/s${r.beyondRamp ? ' (ramp end)' : ''}` : `under ${options.rampStart}/s`;
    lines.push(`| ${r.target} | ${r.era} | ${f(r.seqP50)} | ${f(r.seqP99)} | ${options.rampSeconds > 0 ? rate : '—'} | ${f(r.cpuMsPerCall)} | ${f(r.idlePercent, 1)} | ${f(r.peakRssMb, 0)} |`);
  }
  return lines;
}

function ratioTable(rows, options) {
  const lines = ['| era | measure | gateway / direct | gateway / mcp-proxy |', '|---|---|---|---|'];
  for (const era of options.eras) {
    const of = (target) => rows.find((r) => r.target === target && r.era === era);
    const [gateway, direct, proxy] = [of('gateway'), of('direct'), of('mcp-proxy')];
    if (!gateway) continue;
    for (const [measure, key] of [['sequential p50', 'seqP50'], ['sequential p99', 'seqP99'], [`highest rate with p99 ≤ ${options.sloMs} ms`, 'sustained'], ['target CPU per call', 'cpuMsPerCall']]) {
      lines.push(`| ${era} | ${measure} | ${ratio(gateway[key], direct?.[key])} | ${ratio(gateway[key], proxy?.[key])} |`);
    }
  }
  return lines;
}

function phaseTable(data) {
  const lines = [
    '| offered/s | target | era | sent | ok | errors | achieved/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | target CPU % | client CPU % | other CPU % | calls per stream commit | decision p50 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const row = (offered, client, s) => lines.push(`| ${offered} | ${client.target.name} | ${client.era} | ${s.sent} | ${s.ok} | ${s.errors} | ${f(s.achieved, 0)} | `
    + `${f(s.p50)} | ${f(s.p90)} | ${f(s.p99)} | ${f(s.p999)} | ${f(s.max, 1)} | ${f(s.targetCpuPercent, 0)} | ${f(s.clientCpuPercent, 0)} | ${f(s.otherCpuPercent, 0)} | `
    + `${f(s.callsPerCommit, 1)} | ${f(s.decisionP50)} |`);
  data.clients.forEach((c) => row('sequential', c, data.sequentialRows.get(c).summary()));
  data.rateRows.forEach((r) => row(r.summary.offered, r.client, r.summary));
  return lines;
}

function errorNotes(data) {
  const notes = data.unsupported.map((u) => `* ${u.target} ${u.era}: not measured, the client could not connect (${u.reason}).`);
  for (const r of [...data.rateRows, ...data.rampRows]) {
    for (const [kind, count] of Object.entries(r.summary.errorKinds)) {
      notes.push(`* ${r.client.label} at ${r.summary.offered}/s: ${count} × ${kind}`);
    }
  }
  return notes;
}

/** CPU % used by other processes over all measured slices, weighted by time. */
function noise(data) {
  const all = [...data.clients.map((c) => data.sequentialRows.get(c).summary()), ...data.rateRows.map((r) => r.summary), ...data.rampRows.map((r) => r.summary)];
  const seconds = all.reduce((sum, s) => sum + s.seconds, 0);
  return all.reduce((sum, s) => sum + s.otherCpuPercent * s.seconds, 0) / seconds;
}

function plot(dir, data, options) {
  const points = (rows, client) => rows.filter((r) => r.client === client && r.summary.ok > 0).map((r) => r.summary).sort((a, b) => a.offered - b.offered);
  const series = data.clients.map((client) => ({ title: client.label, fixed: points(data.rateRows, client), ramp: points(data.rampRows, client) }));
  if (!series.some((s) => s.fixed.length || s.ramp.length)) return 'no open-loop phase ran: no plot';
  const block = (title, rows) => `# ${title}: offered/s achieved/s p50_ms p99_ms\n`
    + (rows.length ? rows.map((p) => `${p.offered} ${p.achieved.toFixed(1)} ${p.p50.toFixed(3)} ${p.p99.toFixed(3)}`).join('\n') : 'NaN NaN NaN NaN');
  // Blocks 2i: fixed-rate phases of series i; 2i+1: its ramp steps.
  writeFileSync(join(dir, 'latency-vs-rate.dat'), series.flatMap((s) => [block(`${s.title}, fixed rates`, s.fixed), block(`${s.title}, ramp`, s.ramp)]).join('\n\n\n') + '\n');
  const panel = (column, what) => [
    `set title '${what}'`, `set ylabel '${what}, ms'`,
    'plot ' + series.map((s, i) => `'latency-vs-rate.dat' index ${2 * i} using 1:${column} with linespoints lc ${i + 1} pt 7 title '${s.title}', `
      + `'' index ${2 * i + 1} using 1:${column} with points lc ${i + 1} pt 6 notitle`).join(', ')
      + `, ${options.sloMs} with lines dashtype 2 lc rgb 'gray' title '${options.sloMs} ms'`,
  ];
  writeFileSync(join(dir, 'latency-vs-rate.gp'), [
    "set terminal pngcairo size 1400,600 font ',10'",
    "set output 'latency-vs-rate.png'",
    'set multiplot layout 1,2 title "Latency of an echo call against the offered rate, open loop, timed from the scheduled send (lines: fixed-rate phases; circles: ramp steps)"',
    "set xlabel 'offered calls/s'", 'set logscale xy', 'set grid', 'set key top left', 'set yrange [0.5:*]',
    ...panel(3, 'p50 latency'),
    ...panel(4, 'p99 latency'),
    'unset multiplot',
    '',
  ].join('\n'));
  const gnuplot = spawnSync('gnuplot', ['latency-vs-rate.gp'], { cwd: dir, encoding: 'utf8' });
  if (gnuplot.error || gnuplot.status !== 0) return `gnuplot failed, no PNG (install gnuplot-nox): ${gnuplot.error ?? gnuplot.stderr}`;
  return 'latency-vs-rate.png';
}

export function writeReport(options, data) {
  mkdirSync(options.results, { recursive: true });
  const rows = figures(data);
  const gatewayJvm = data.targets.find((t) => t.jvm)?.jvm;
  const plotted = plot(options.results, data, options);
  const markdown = [
    `Side by side, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores: server-everything's echo tool called by the official TypeScript SDK client `
      + `(2025: a session; 2026: stateless 2026-07-28), targets interleaved.${gatewayJvm ? ` The gateway ran as ./gateway runs it, on ${gatewayJvm}.` : ''} `
      + `Options: ${JSON.stringify({ ...options, gateway: undefined, results: undefined, logs: undefined })}`,
    '',
    ...summaryTable(rows, options), '',
    ...ratioTable(rows, options), '',
    ...phaseTable(data), '',
    'CPU % is per slice, 100% being one core: the target\'s process tree, this client, and everything else on the machine (the other '
      + `targets at rest, other people\'s work: the noise; ${f(noise(data), 0)}% on average over the measured slices). `
      + 'Decision p50 is the gateway\'s own: its edge\'s wait from proposing a call to receiving the committed decision, '
      + 'estimated from the buckets of mcpgw_decision_wait_seconds on its /metrics.', '',
    ...errorNotes(data), '',
    `Plot: ${plotted}`, '',
  ].join('\n');
  writeFileSync(join(options.results, 'side-by-side.md'), markdown);
  const json = (r) => ({ target: r.client.target.name, era: r.client.era, ...r.summary });
  writeFileSync(join(options.results, 'side-by-side.json'), JSON.stringify({
    options: { ...options, gateway: undefined }, gatewayJvm, summary: rows, unsupported: data.unsupported,
    sequential: data.clients.map((c) => ({ target: c.target.name, era: c.era, ...data.sequentialRows.get(c).summary() })),
    rates: data.rateRows.map(json), ramp: data.rampRows.map(json),
  }, null, 2));
  console.log(`\n${markdown}\nwritten to ${options.results}`);
}
