// The benchmark client's AbortSignal.any behaves as Node's own: the combined signal aborts, with
// the first reason, when any source does, whatever iterable names the sources.
import '../../main/side-by-side/abort-signal-any.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the combined signal aborts with the reason of the source that aborts', () => {
  const first = new AbortController();
  const second = new AbortController();
  const combined = AbortSignal.any([first.signal, second.signal]);
  assert.equal(combined.aborted, false);
  second.abort('second gave up');
  assert.equal(combined.aborted, true);
  assert.equal(combined.reason, 'second gave up');
});

test('a later abort of another source keeps the first reason', () => {
  const first = new AbortController();
  const second = new AbortController();
  const combined = AbortSignal.any([first.signal, second.signal]);
  first.abort('first');
  second.abort('second');
  assert.equal(combined.reason, 'first');
});

test('a source aborted already makes the combined signal aborted at once, with its reason', () => {
  const live = new AbortController();
  const combined = AbortSignal.any([live.signal, AbortSignal.abort('too late')]);
  assert.equal(combined.aborted, true);
  assert.equal(combined.reason, 'too late');
});

test('sources named by a generator are all linked, though a generator can be read only once', () => {
  const controllers = [new AbortController(), new AbortController(), new AbortController()];
  function* sources() {
    for (const controller of controllers) yield controller.signal;
  }
  const combined = AbortSignal.any(sources());
  controllers[2].abort('the last');
  assert.equal(combined.reason, 'the last');
});

test('every signal combined from one long-lived source aborts with it', () => {
  const connection = new AbortController();
  const requests = Array.from({ length: 1000 }, () => AbortSignal.any([connection.signal, new AbortController().signal]));
  connection.abort('closed');
  assert.ok(requests.every((signal) => signal.aborted && signal.reason === 'closed'));
});

test('an abort listener on the combined signal runs when a source aborts', () => {
  const source = new AbortController();
  const combined = AbortSignal.any([source.signal]);
  let heard;
  combined.addEventListener('abort', () => { heard = combined.reason; });
  source.abort('now');
  assert.equal(heard, 'now');
});
