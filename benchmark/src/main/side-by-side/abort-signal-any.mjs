// Replaces AbortSignal.any in the benchmark's client process, and only there.
//
// Node (22.23 here) keeps, on each source signal, a set of the signals combined from it, and each
// time one of those is collected it scans the whole set (lib/internal/abort_controller.js, the
// dependant-signals cleanup registry). The SDK's Streamable HTTP transport combines every
// request's signal with its own, which lives as long as the connection, so under an open-loop
// load that set holds thousands of signals and the client spent whole seconds in those scans
// (a CPU profile: 7% of all its samples, 100% of some seconds), pausing the load it was supposed
// to measure. This version forgets a collected signal in constant time and otherwise behaves the
// same: the combined signal aborts, with the first reason, when any of its sources does.

const combinedFrom = new WeakMap(); // source signal -> Set of WeakRefs to the signals combined from it
const controllerOf = new WeakMap(); // combined signal -> its controller, kept alive as long as the signal
const forget = new FinalizationRegistry(({ source, ref }) => combinedFrom.get(source)?.delete(ref));

function abortWith(source) {
  const refs = combinedFrom.get(source);
  combinedFrom.delete(source);
  for (const ref of refs ?? []) {
    const signal = ref.deref();
    if (signal !== undefined && !signal.aborted) controllerOf.get(signal)?.abort(source.reason);
  }
}

AbortSignal.any = function any(iterable) {
  // Any iterable, as the original takes, read once.
  const signals = [...iterable];
  const controller = new AbortController();
  const aborted = signals.find((source) => source.aborted);
  if (aborted !== undefined) {
    controller.abort(aborted.reason);
    return controller.signal;
  }
  controllerOf.set(controller.signal, controller);
  const ref = new WeakRef(controller.signal);
  for (const source of signals) {
    let refs = combinedFrom.get(source);
    if (refs === undefined) {
      refs = new Set();
      combinedFrom.set(source, refs);
      source.addEventListener('abort', () => abortWith(source), { once: true });
    }
    refs.add(ref);
    forget.register(controller.signal, { source, ref });
  }
  return controller.signal;
};
