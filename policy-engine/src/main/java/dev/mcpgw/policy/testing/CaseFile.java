package dev.mcpgw.policy.testing;

import java.util.List;
import java.util.Map;

/**
 * A file of policy test cases as written: each names an intent, the calls already counted against
 * the rate limits of some rules ({@code counted: {rule-id: n}}, none when absent) and what the
 * policy must decide ({@code expect: {effect, rules}}; {@code rules}, when given, are every rule
 * that must apply, in any order).
 */
record CaseFile(List<Entry> cases) {

    record Entry(String name, IntentFile intent, Map<String, Long> counted, Expect expect) {
    }

    record Expect(String effect, List<String> rules) {
    }
}
