package dev.mcpgw.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the gateway config from a file, or the bundled starter when none is given, together with
 * the policy it names. After parsing, {@code ${NAME}} and {@code ${NAME:-default}} in any value are
 * replaced from the environment (so a value holding {@code #} or {@code : } stays one value), plus
 * two built-ins: {@code ${java}} (this JVM's java binary) and {@code ${gateway.classpath}} (this
 * JVM's classpath, so a bundled tool server can be launched). Every refusal is a
 * {@link ConfigException} naming the file, line and field, and what to do.
 */
public final class ConfigLoader {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(:-([^}]*))?}");
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final String STARTER = "/starter/";

    private final Function<String, String> environment;

    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    /** The loaded config with the policy text it names. */
    public record Loaded(GatewayConfig config, String policySource, String origin) {
    }

    public Loaded starter() throws IOException {
        GatewayConfig config = parse(resource("gateway.yaml"), "starter config");
        return new Loaded(config, linted(resource(config.policy()), "bundled starter policy", config), "bundled starter config");
    }

    public Loaded load(Path file) throws ConfigException {
        GatewayConfig config = parse(read(file, file + ": no such file: pass --config the path of your gateway config"), file.toString());
        Path policy = file.toAbsolutePath().getParent().resolve(config.policy());
        String policySource = read(policy, file + ": policy: " + policy + " does not exist (the path is relative to the config file)");
        return new Loaded(config, linted(policySource, policy.toString(), config), file.toString());
    }

    /** The policy, refused with every problem (file, line, field) when the gateway's decision stream would refuse it. */
    private static String linted(String source, String origin, GatewayConfig config) throws ConfigException {
        boolean onePartition = config.decisionPartitions() != null && config.decisionPartitions() == 1;
        try {
            new PolicyLoader(onePartition).load(source);
            return source;
        } catch (PolicyException e) {
            throw new ConfigException(e.problems().stream().map(p -> origin + ": " + p + "\n").collect(Collectors.joining())
                    + "the policy cannot be activated: fix it (gateway policy lint " + origin + " checks it)", e);
        }
    }

    private static String read(Path file, String whenMissing) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(whenMissing, e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + "): check its permissions", e);
        }
    }

    private GatewayConfig parse(String text, String origin) throws ConfigException {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": " + (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ")
                    + "not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(origin + ": a gateway config is a YAML mapping of keys (listen, kafka, policy, agents, mcpServers...)");
        }
        ConfigPositions positions = ConfigPositions.of(text);
        GatewayConfig config;
        try {
            config = YAML.treeToValue(expand(tree, "", origin, positions), GatewayConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String pointer = pointer(e);
            throw new ConfigException(origin + ": " + positions.at(pointer) + fieldPath(pointer) + ": unknown key; the keys here are "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList(), e);
        } catch (JsonProcessingException e) {
            String pointer = pointer(e);
            throw new ConfigException(origin + ": " + positions.at(pointer) + fieldPath(pointer) + ": " + e.getOriginalMessage(), e);
        }
        if (config.policy() == null) {
            throw new ConfigException(origin + ": policy is required: name the policy file, relative to the config");
        }
        try {
            config.requestLimits();
            config.agentCaps();
            if (config.review() != null) {
                config.review().hostAndPort();
                config.review().refuseAgentKeysAsPasswords(config.agents());
                config.review().approverDirectory();
            }
            config.decidePartition();
            config.edgeTimeouts();
            config.oauthSettings();
            if (config.mcpServers() != null) {
                config.mcpServers().forEach((name, server) -> {
                    if (server == null) {
                        throw new IllegalArgumentException("mcpServers." + name + " is empty: give it a command (stdio) or a url (Streamable HTTP)");
                    }
                    server.trust(name);
                    server.maxMessageBytes(name);
                    server.forwardMeta(name);
                    server.clientRequests(name);
                });
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + e.getMessage(), e);
        }
        return config;
    }

    /** A copy of {@code node} with the placeholders in its string values replaced. */
    private JsonNode expand(JsonNode node, String pointer, String origin, ConfigPositions positions) throws ConfigException {
        if (node.isTextual()) {
            return TextNode.valueOf(expand(node.textValue(), pointer, origin, positions));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), expand(field.getValue(), pointer + "/" + field.getKey(), origin, positions));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(expand(node.get(i), pointer + "/" + i, origin, positions));
            }
            return copy;
        }
        return node;
    }

    private String expand(String text, String pointer, String origin, ConfigPositions positions) throws ConfigException {
        Map<String, String> builtIns = Map.of(
                "java", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "gateway.classpath", System.getProperty("java.class.path"));
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = builtIns.containsKey(name) ? builtIns.get(name) : environment.apply(name);
            if (value == null || (value.isEmpty() && matcher.group(2) != null)) {
                value = matcher.group(3);
            }
            if (value == null) {
                throw new ConfigException(origin + ": " + positions.at(pointer) + fieldPath(pointer) + ": needs environment variable "
                        + name + ", which is not set: set it, or give a default as ${" + name + ":-value}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The JSON pointer of the field a binding error is about. */
    private static String pointer(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()));
        }
        return pointer.toString();
    }

    /** {@code /agents/0/apiKey} as {@code agents[0].apiKey}. */
    private static String fieldPath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/")) {
            if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(segment);
            }
        }
        return path.isEmpty() ? "config" : path.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(STARTER + name)) {
            if (in == null) {
                throw new IOException("bundled resource " + STARTER + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
