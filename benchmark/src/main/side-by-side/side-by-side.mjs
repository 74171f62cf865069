// benchmark/run side-by-side: server-everything alone, behind mcp-proxy and behind the gateway,
// called by the official TypeScript SDK client in both eras, interleaved so the machine's noise
// falls on all alike. Phases: warm-up, sequential rounds, fixed-rate open-loop phases, and a ramp
// finding each target's highest rate with p99 within the SLO. Writes side-by-side.md, .json and a
// latency-versus-rate plot to the results folder. Options: see options.mjs.
import './abort-signal-any.mjs';
import { performance } from 'node:perf_hooks';
import { parseOptions } from './options.mjs';
import { startTargets } from './targets.mjs';
import { connectClient } from './clients.mjs';
import { Tally, openLoop, sequential, warmUp } from './load.mjs';
import { cpuSeconds, machineBusySeconds, residentMb } from './process-tree.mjs';
import { writeReport } from './report.mjs';

const options = parseOptions(process.argv.slice(2));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The clients in a different order each time, so that no target always goes first. */
const rotated = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

/**
 * Each target's CPU use at rest, in cores: the gateway's stream polls Kafka even with nothing to
 * decide. Measured after a pause, since the gateway's outcomes and receipts of the warm-up's last
 * calls trail their answers by a few seconds (in the 3 s right after warm-up it was 15%, a minute
 * later 2-3%).
 */
async function idleCores(targets, pauseSeconds = 5, seconds = 5) {
  await sleep(pauseSeconds * 1000);
  const before = targets.map((t) => cpuSeconds(t.pid));
  await sleep(seconds * 1000);
  return Object.fromEntries(targets.map((t, i) => [t.name, (cpuSeconds(t.pid) - before[i]) / seconds]));
}

/** Waits until the targets are back at rest: a backlog left by the last slice would slow the next target's. */
async function settle(targets, idle) {
  const atRest = targets.reduce((sum, t) => sum + idle[t.name], 0) + 0.15;
  const cpu = () => targets.reduce((sum, target) => sum + cpuSeconds(target.pid), 0);
  for (let waited = 0; waited < 80; waited++) {
    const before = cpu();
    await sleep(250);
    if ((cpu() - before) / 0.25 <= atRest) return;
  }
}

/**
 * Runs `load` against one client as one slice, adding its wall and CPU time to `tally`, and for
 * the gateway what its /metrics say of the slice (stream commits, waits for decisions).
 */
async function slice(targets, idle, client, tally, load) {
  await settle(targets, idle);
  const before = await client.target.metrics?.();
  const okBefore = tally.ok;
  const targetCpu = cpuSeconds(client.target.pid);
  const clientCpu = process.cpuUsage();
  const machineCpu = machineBusySeconds();
  const start = performance.now();
  await load();
  const used = process.cpuUsage(clientCpu);
  const [target, driver] = [cpuSeconds(client.target.pid) - targetCpu, (used.user + used.system) / 1e6];
  tally.spent((performance.now() - start) / 1000, target, driver, machineBusySeconds() - machineCpu - target - driver);
  if (before !== undefined) {
    // Read after the target settled: the last outcomes of the slice are committed by then.
    await settle(targets, idle);
    const after = await client.target.metrics();
    if (after !== undefined) tally.gateway.observed(before, after, tally.ok - okBefore);
  }
}

const line = (label, s) => console.log(`${label.padEnd(34)} ${String(s.ok).padStart(6)} ok ${String(s.errors).padStart(5)} err `
  + `${s.achieved.toFixed(0).padStart(5)}/s  p50 ${s.p50.toFixed(2).padStart(8)}  p99 ${s.p99.toFixed(2).padStart(8)}  max ${s.max.toFixed(1).padStart(8)} ms`
  + `  cpu ${s.targetCpuPercent.toFixed(0).padStart(3)}%  other ${s.otherCpuPercent.toFixed(0).padStart(3)}%`
  + (s.callsPerCommit === undefined ? '' : `  ${s.callsPerCommit.toFixed(1)} calls/commit`)
  + (s.decisionP50 === undefined ? '' : `  decision p50 ${s.decisionP50.toFixed(2)} ms`));

const targets = await startTargets(options);
const peakRss = Object.fromEntries(targets.map((t) => [t.name, 0]));
const sampler = setInterval(() => targets.forEach((t) => { peakRss[t.name] = Math.max(peakRss[t.name], residentMb(t.pid)); }), 1000);
try {
  const clients = [];
  const unsupported = [];
  for (const target of targets) {
    for (const era of options.eras) {
      const client = await connectClient(target, era);
      if (client.unsupported) {
        unsupported.push({ target: target.name, era, reason: client.unsupported });
        console.log(`${target.name} ${era}: not measured, the client could not connect: ${client.unsupported}`);
      } else {
        clients.push(client);
      }
    }
  }
  for (const client of clients) {
    await warmUp(client, options.warmupCalls, 8, options.timeoutMs);
  }
  const idle = await idleCores(targets);

  const sequentialRows = new Map(clients.map((c) => [c, new Tally(null)]));
  for (let round = 0; round < options.seqRounds; round++) {
    for (const client of rotated(clients, round)) {
      await slice(targets, idle, client, sequentialRows.get(client), () => sequential(client, options.seqCalls, options.timeoutMs, sequentialRows.get(client)));
    }
  }
  clients.forEach((c) => line(`${c.label} sequential`, sequentialRows.get(c).summary()));

  const rateRows = [];
  for (const [k, rate] of options.rates.entries()) {
    const tallies = new Map(clients.map((c) => [c, new Tally(rate)]));
    for (let round = 0; round < options.rateSlices; round++) {
      for (const client of rotated(clients, k + round)) {
        const tally = tallies.get(client);
        await slice(targets, idle, client, tally, () => openLoop(client, rate, options.rateSeconds / options.rateSlices, options, tally));
      }
    }
    clients.forEach((client) => rateRows.push({ client, summary: tallies.get(client).summary() }));
  }
  clients.forEach((c) => rateRows.filter((r) => r.client === c).forEach((r) => line(`${c.label} at ${r.summary.offered}/s`, r.summary)));

  const rampRows = [];
  const sustained = new Map(clients.map((c) => [c, 0]));
  let alive = options.rampSeconds > 0 ? clients : [];
  for (let step = 0, rate = options.rampStart; alive.length && rate <= options.rampMax; step++, rate = Math.round(rate * options.rampFactor)) {
    const next = [];
    for (const client of rotated(alive, step)) {
      // A step is tried again once before the target leaves: on a shared 2-core machine one
      // 3-second step can miss by another process's burst alone.
      for (let attempt = 0; attempt < 2; attempt++) {
        const tally = new Tally(rate);
        await slice(targets, idle, client, tally, () => openLoop(client, rate, options.rampSeconds, options, tally));
        const s = tally.summary();
        rampRows.push({ client, summary: s });
        line(`${client.label} ramp ${rate}/s${attempt ? ' (again)' : ''}`, s);
        if (s.errors === 0 && s.p99 <= options.sloMs && s.achieved >= 0.9 * rate) {
          sustained.set(client, rate);
          next.push(client);
          break;
        }
      }
    }
    alive = next;
  }

  writeReport(options, { targets, clients, unsupported, sequentialRows, rateRows, rampRows, sustained, peakRss, idle, stillAlive: alive });
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
} finally {
  clearInterval(sampler);
  for (const target of targets) await target.stop();
}
