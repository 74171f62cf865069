package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.PolicyDocument;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parsed form of the policy document on the policy topic, parsed once per distinct document
 * (by its source text, whatever version label the publisher gave it). A document that does not
 * load never replaces the last good policy; with no good policy at all the caller fails closed.
 */
final class ActivePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(ActivePolicy.class);

    private final PolicyLoader loader;
    private Policy current;
    private String lastSource;

    /** {@code onePartition}: every intent is decided in this one task, so rate limits may count across agents. */
    ActivePolicy(boolean onePartition) {
        this.loader = new PolicyLoader(onePartition);
    }

    Optional<Policy> resolve(PolicyDocument document) {
        if (document != null && !document.getSource().equals(lastSource)) {
            lastSource = document.getSource();
            try {
                current = loader.load(document.getSource());
            } catch (PolicyException e) {
                LOG.error("policy {} rejected, keeping {}: {}", document.getVersion(),
                        current == null ? "none (failing closed)" : current.version(), e.getMessage());
            }
        }
        return Optional.ofNullable(current);
    }
}
