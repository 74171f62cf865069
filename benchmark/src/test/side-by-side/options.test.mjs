// The side-by-side's command line: --name value pairs over the defaults of a full run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptions } from '../../main/side-by-side/options.mjs';

test('no option gives the full run: every target, both eras, five fixed rates and a ramp', () => {
  const options = parseOptions([]);
  assert.deepEqual(options.targets, ['direct', 'mcp-proxy', 'gateway']);
  assert.deepEqual(options.eras, ['2025', '2026']);
  assert.deepEqual(options.rates, [50, 100, 200, 400, 800]);
  assert.ok(options.rampSeconds > 0);
  assert.equal(options.warmupCalls, 4000);
});

test('a kebab-case flag sets its camel-case option, a number for a numeric one', () => {
  const options = parseOptions(['--ramp-seconds', '0', '--warmup-calls', '200', '--gateway-java', '/opt/jdk17/bin/java']);
  assert.equal(options.rampSeconds, 0);
  assert.equal(options.warmupCalls, 200);
  assert.equal(options.gatewayJava, '/opt/jdk17/bin/java');
});

test('lists are split on commas, and an empty rate list runs no fixed-rate phase', () => {
  const options = parseOptions(['--targets', 'gateway', '--eras', '2026', '--rates', '']);
  assert.deepEqual(options.targets, ['gateway']);
  assert.deepEqual(options.eras, ['2026']);
  assert.deepEqual(options.rates, []);
});

test('an unknown option is refused, naming the options there are', () => {
  assert.throws(() => parseOptions(['--help', 'me']), /unknown option or missing value: --help; options: targets, eras/);
});

test('an option without its value is refused', () => {
  assert.throws(() => parseOptions(['--rates']), /missing value: --rates/);
});

test('a value without its flag is refused', () => {
  assert.throws(() => parseOptions(['400']), /unknown option or missing value: 400/);
});

test('a numeric option given something else than a number is refused', () => {
  assert.throws(() => parseOptions(['--warmup-calls', 'many']), /--warmup-calls takes a number, not 'many'/);
  assert.throws(() => parseOptions(['--slo-ms', '']), /--slo-ms takes a number/);
});

test('a rate that is not a positive number is refused', () => {
  assert.throws(() => parseOptions(['--rates', '100,fast']), /--rates takes calls per second above 0, separated by commas, not '100,fast'/);
  assert.throws(() => parseOptions(['--rates', '0,400']), /--rates takes calls per second above 0/);
});
