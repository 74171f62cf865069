package dev.mcpgw.stream.processor;

import java.util.List;

/** Told what became of each policy document read from gateway.policy: active (no problems) or refused with its problems. */
@FunctionalInterface
public interface PolicyStatusReporter {
    void report(long policyOffset, String version, List<String> problems);
}
