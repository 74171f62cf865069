package dev.mcpgw.policy.load;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Reads a policy document (YAML, or JSON which is YAML too) and validates it: our own format, or
 * the best-known MCP authorization product's, recognised by its {@code defaultEffect}. A document
 * with any problem is rejected whole; nothing partial is ever returned.
 */
public final class PolicyLoader {
    /** What a cross-agent rate limit in a document for partitioned decisions is refused with. */
    static final String CROSS_AGENT_REFUSAL = "counts across agents, which is exact only when decisions run on one partition "
            + "(decisionPartitions: 1 in the gateway config); with more, calls are partitioned by agent";
    // A null in a list (scan: [~], rules: [null]) is refused while binding, with its position, so no reader meets one.
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final boolean onePartition;

    /** For decisions on several partitions: rate limits must count per agent. */
    public PolicyLoader() {
        this(false);
    }

    /** {@code onePartition}: every intent is decided by one task, so rate limits may count across agents. */
    public PolicyLoader(boolean onePartition) {
        this.onePartition = onePartition;
    }

    /** A policy that loads, and what in it cannot be honoured as written (warnings never stop it loading). */
    public record Linted(Policy policy, List<String> warnings) {
    }

    public Policy load(String source) throws PolicyException {
        return lint(source).policy();
    }

    /** {@link #load}, keeping the warnings. */
    public Linted lint(String source) throws PolicyException {
        JsonNode tree = parse(source);
        RegexBudget.check(tree);
        Problems problems = new Problems(SourcePositions.of(source));
        Policy policy = CompatiblePolicyReader.recognizes(tree)
                ? new CompatiblePolicyReader(problems, onePartition).read(bind(source, CompatiblePolicyFile.class), contentHash(tree))
                : readOwn(bind(source, PolicyFile.class), problems, contentHash(tree));
        if (problems.any()) {
            throw new PolicyException(problems.all());
        }
        return new Linted(policy, problems.warnings());
    }

    private Policy readOwn(PolicyFile file, Problems problems, String contentHash) {
        Effect defaultEffect = effect(file.defaultEffect() == null ? "deny" : file.defaultEffect(), "/default", problems);
        if (defaultEffect == Effect.REVIEW) {
            problems.add("/default", "must be allow or deny");
        }
        List<Rule> rules = rules(file.rules() == null ? List.of() : file.rules(), problems);
        return new Policy(contentHash, file.version(), defaultEffect, rules);
    }

    private static JsonNode parse(String source) throws PolicyException {
        try {
            JsonNode tree = YAML.readTree(source);
            if (tree == null || !tree.isObject()) {
                throw new PolicyException(List.of("a policy must be a mapping with 'default' and 'rules'"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new PolicyException(List.of(at(e.getLocation()) + e.getOriginalMessage()));
        }
    }

    private static <T> T bind(String source, Class<T> shape) throws PolicyException {
        try {
            return YAML.readValue(source, shape);
        } catch (JsonMappingException e) {
            throw new PolicyException(List.of(at(e.getLocation()) + path(e) + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new PolicyException(List.of(at(e.getLocation()) + e.getOriginalMessage()));
        }
    }

    private List<Rule> rules(List<PolicyFile.RuleFile> files, Problems problems) {
        RuleReader reader = new RuleReader(problems, onePartition);
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            PolicyFile.RuleFile f = files.get(i);
            String pointer = "/rules/" + i;
            if (f.id() == null || f.id().isBlank()) {
                problems.add(pointer, "id is required");
                continue;
            }
            if (!ids.add(f.id())) {
                problems.add(pointer + "/id", "duplicate rule id " + f.id());
            }
            Rule rule = reader.read(f, pointer, effect(f.effect(), pointer + "/effect", problems));
            if (rule != null) {
                rules.add(rule);
            }
        }
        return List.copyOf(rules);
    }

    private static Effect effect(String value, String pointer, Problems problems) {
        if (value == null) {
            problems.add(pointer, "effect is required (allow, deny or review)");
            return Effect.DENY;
        }
        try {
            return Effect.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(pointer, "unknown effect '" + value + "' (allow, deny or review)");
            return Effect.DENY;
        }
    }

    /** Hex SHA-256 of the document's RFC 8785 canonical JSON: formatting and key order do not change it. */
    private static String contentHash(JsonNode tree) {
        try {
            String canonical = new JsonCanonicalizer(JSON.writeValueAsString(tree)).getEncodedString();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash policy", e);
        }
    }

    /** The field path of a binding error, e.g. rules[0].tool. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }
}
