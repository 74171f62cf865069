package dev.mcpgw.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the gateway config from a file, or the bundled starter when none is given, together with
 * the policy it names. Before parsing, {@code ${NAME}} and {@code ${NAME:-default}} are replaced
 * from the environment, plus two built-ins: {@code ${java}} (this JVM's java binary) and
 * {@code ${gateway.classpath}} (this JVM's classpath, so a bundled tool server can be launched).
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
        return new Loaded(config, resource(config.policy()), "bundled starter config");
    }

    public Loaded load(Path file) throws IOException {
        GatewayConfig config = parse(Files.readString(file), file.toString());
        Path policy = file.toAbsolutePath().getParent().resolve(config.policy());
        return new Loaded(config, Files.readString(policy), file.toString());
    }

    private GatewayConfig parse(String text, String origin) throws IOException {
        GatewayConfig config;
        try {
            config = YAML.readValue(expand(text), GatewayConfig.class);
        } catch (JsonProcessingException e) {
            throw new IOException(origin + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (config == null || config.policy() == null) {
            throw new IOException(origin + ": policy is required (the policy file, relative to the config)");
        }
        try {
            config.requestLimits();
            config.agentCaps();
            if (config.review() != null) {
                config.review().hostAndPort();
                config.review().refuseAgentKeysAsPasswords(config.agents());
                config.review().approverDirectory();
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(origin + ": " + e.getMessage(), e);
        }
        return config;
    }

    String expand(String text) {
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
                throw new IllegalArgumentException("config needs environment variable " + name + ", which is not set");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
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
