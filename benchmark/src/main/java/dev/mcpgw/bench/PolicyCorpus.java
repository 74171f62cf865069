package dev.mcpgw.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A large policy and calls to decide against it, generated from a fixed seed so every run judges
 * the same work: rules of every kind (tool globs, path, host, regex and range constraints, time
 * windows, condition trees, rate limits) and, when asked, scanning rules that run every detector
 * over every argument of every call.
 */
final class PolicyCorpus {
    static final int TOOLS = 50;

    /** One call: who, which tool, which arguments (JSON). */
    record Call(String agent, String tool, String argumentsJson) {
    }

    private PolicyCorpus() {
    }

    static String policy(int rules, boolean scanning) {
        StringBuilder yaml = new StringBuilder("version: bench-").append(rules).append("\ndefault: deny\nrules:\n");
        int generated = 0;
        if (scanning) {
            yaml.append("""
                      - {id: scan-secrets, effect: deny, scan: [secrets]}
                      - {id: scan-injection, effect: deny, scan: [prompt_injection, shell_injection, sql_injection]}
                      - {id: scan-pii, effect: review, scan: [pii]}
                    """);
            generated = 3;
        }
        for (int i = generated; i < rules; i++) {
            String tool = "tool_" + (i % TOOLS);
            yaml.append(switch (i % 6) {
                case 0 -> "  - {id: r%d, effect: allow, tools: [\"%s\"], arguments: {path: {pathPrefix: [/srv/p%d, /data]}, note: {maxLength: 500, required: false}}}\n"
                        .formatted(i, tool, i);
                case 1 -> "  - {id: r%d, effect: allow, agents: [\"agent-%d*\"], tools: [\"%s\"], arguments: {url: {hosts: [api.example.com, \"*.example.org\"]}}}\n"
                        .formatted(i, i % 10, tool);
                case 2 -> "  - {id: r%d, effect: review, tools: [\"%s\"], when: {timezone: Europe/Paris, days: [sat, sun], hours: \"00:00-24:00\"}}\n"
                        .formatted(i, tool);
                case 3 -> ("  - {id: r%d, effect: allow, tools: [\"tool_*\"], condition: {all: [{field: agent.attributes.team, operator: in, "
                        + "value: [t%d, platform]}, {field: arguments.count, operator: lte, value: %d}, {not: {field: arguments.force, operator: exists}}]}}\n")
                        .formatted(i, i, 100 + i);
                case 4 -> "  - {id: r%d, effect: allow, tools: [\"%s\"], arguments: {query: {regex: \"[a-z0-9 ]{1,80}\"}, count: {min: 0, max: 1000}}, rateLimit: {requests: 1000000, window: 1h}}\n"
                        .formatted(i, tool);
                default -> "  - {id: r%d, effect: deny, servers: [\"internal-*\"], tools: [\"%s\", \"delete_*\"]}\n".formatted(i, tool);
            });
        }
        return yaml.toString();
    }

    /** {@code count} calls by 100 agents to the corpus's tools, with realistic argument sizes; nothing in them trips a detector. */
    static List<Call> calls(int count) {
        Random random = new Random(42);
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String arguments = """
                    {"path":"/srv/p%d/reports/%d/summary.txt","url":"https://api.example.com/v1/items/%d","query":"quarterly numbers %d",\
                    "count":%d,"note":"%s"}""".formatted(random.nextInt(200), random.nextInt(1000), random.nextInt(10000),
                    random.nextInt(100), random.nextInt(300), "plain words about the report ".repeat(1 + random.nextInt(6)));
            calls.add(new Call("agent-" + random.nextInt(100), "tool_" + random.nextInt(TOOLS), arguments));
        }
        return calls;
    }
}
