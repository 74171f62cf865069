package dev.mcpgw.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real MCP peers on the official TypeScript SDK v2, and a real OAuth authorization server
 * (oidc-provider), installed from the npm registry with the pinned lockfile in
 * resources/node-peers, once per module build (into target/node-peers).
 * Tests that use them assume {@link #available()}: on a machine without Node they are skipped.
 */
public final class NodePeers {
    private static final String RESOURCES = "/node-peers/";
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "tool-server.mjs", "conformance-tools.mjs",
            "client.mjs", "authorization-server.mjs");
    public static final String OAUTH_CLIENT_ENV = "MCP_OAUTH_CLIENT";
    public static final String CALL_LOG_ENV = "PEER_CALL_LOG";
    /** Names the server's resource: {@code demo://NAME/board}. */
    public static final String NAME_ENV = "PEER_NAME";
    /** Set, the tool server also lists tools with hostile definitions (see tool-server.mjs). */
    public static final String HOSTILE_TOOLS_ENV = "PEER_HOSTILE_TOOLS";
    /** The description the tool server's echo starts with, when set. */
    public static final String ECHO_DESCRIPTION_ENV = "PEER_ECHO_DESCRIPTION";
    /** Set, the tool server also serves what the MCP conformance suites exercise (see conformance-tools.mjs). */
    public static final String CONFORMANCE_ENV = "PEER_CONFORMANCE";
    /** Set: over HTTP the tool server's two eras differ (capabilities, a tool of each era's own, which_era, take_down_era). */
    public static final String ERA_TOOLS_ENV = "PEER_ERA_TOOLS";
    /** Set: over HTTP the tool server serves 2026-07-28 alone, refusing initialize. */
    public static final String ONLY_2026_ENV = "PEER_ONLY_2026";
    /** Set for the client: it answers each elicitation with a JSON-RPC error of this message instead. */
    public static final String ELICITATION_ERROR_ENV = "MCP_ELICITATION_ERROR";
    private static Path installed;

    private NodePeers() {
    }

    public static boolean available() {
        try {
            Process npm = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
            return npm.waitFor(1, TimeUnit.MINUTES) && npm.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The TypeScript SDK tool server over Streamable HTTP on a free loopback port; closing it stops the process. */
    public record HttpToolServer(Process process, String url) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
        }
    }

    /** The TypeScript SDK tool server over Streamable HTTP, serving both eras, recording its calls in {@code callLog}. */
    public static HttpToolServer httpToolServer(Path callLog) {
        return httpToolServer(callLog, Map.of());
    }

    /** The same, with more of its environment (such as {@link #CONFORMANCE_ENV}). */
    public static HttpToolServer httpToolServer(Path callLog, Map<String, String> env) {
        Path dir = install();
        try {
            ProcessBuilder builder = new ProcessBuilder("node", dir.resolve("tool-server.mjs").toString(), "http")
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(env);
            builder.environment().put(CALL_LOG_ENV, callLog.toString());
            Process process = builder.start();
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.startsWith("listening on ")) {
                process.destroyForcibly();
                throw new IllegalStateException("the TypeScript SDK tool server did not start: " + line);
            }
            return new HttpToolServer(process, "http://127.0.0.1:" + line.substring("listening on ".length()).trim() + "/mcp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The TypeScript SDK tool server over stdio, serving both eras, recording in {@code callLog} its
     * calls and their endings, the resources/subscribe and unsubscribe it is sent, and each
     * subscriptions/listen filter.
     */
    public static McpPeers.StdioCommand toolServer(Path callLog) {
        Path dir = install();
        return new McpPeers.StdioCommand("node", List.of(dir.resolve("tool-server.mjs").toString()),
                Map.of(CALL_LOG_ENV, callLog.toString()));
    }

    /** The same, its resource named {@code demo://NAME/board}. */
    public static McpPeers.StdioCommand toolServer(Path callLog, String name) {
        McpPeers.StdioCommand server = toolServer(callLog);
        return new McpPeers.StdioCommand(server.command(), server.args(), Map.of(CALL_LOG_ENV, callLog.toString(), NAME_ENV, name));
    }

    /** The TypeScript SDK tool server over stdio, with more of its environment (such as {@link #HOSTILE_TOOLS_ENV}). */
    public static McpPeers.StdioCommand toolServer(Path callLog, Map<String, String> env) {
        Path dir = install();
        Map<String, String> all = new HashMap<>(env);
        all.put(CALL_LOG_ENV, callLog.toString());
        return new McpPeers.StdioCommand("node", List.of(dir.resolve("tool-server.mjs").toString()), Map.copyOf(all));
    }

    /**
     * Connects the TypeScript SDK client to {@code url} with an API key, in the stateless era
     * ({@code "2026"}) or the session era ({@code "legacy"}), and runs one command
     * ({@code list}, or {@code call TOOL ARGUMENTS_JSON [CANCEL_AFTER_MS]}). It declares elicitation
     * and answers each with the name "Ada". Returns the JSON line it printed: {@code protocolVersion}
     * (the revision it spoke), {@code result} or {@code error}, {@code progress} (the values it
     * received) and {@code elicitations} (how many it answered).
     */
    public static String client(String url, String apiKey, String era, String... command) {
        return run(url, apiKey, Map.of(), era, command);
    }

    /** As {@link #client(String, String, String, String...)}, the client's process given {@code environment} too. */
    public static String client(String url, String apiKey, Map<String, String> environment, String era, String... command) {
        return run(url, apiKey, environment, era, command);
    }

    /**
     * As {@link #client(String, String, String, String...)}, but authenticating with the SDK's
     * OAuth support: its {@code ClientCredentialsProvider} finds the authorization server from
     * the gateway's protected resource metadata and gets an access token from it for the
     * gateway's resource, with this client id and secret, from this issuer only.
     */
    public static String oauthClient(String url, String clientId, String clientSecret, String issuer, String era, String... command) {
        String oauth = "{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + clientSecret + "\",\"issuer\":\"" + issuer + "\"}";
        return run(url, "-", Map.of(OAUTH_CLIENT_ENV, oauth), era, command);
    }

    private static String run(String url, String apiKey, Map<String, String> environment, String era, String... command) {
        Path dir = install();
        List<String> argv = new ArrayList<>(List.of("node", dir.resolve("client.mjs").toString(), url, apiKey, era));
        argv.addAll(List.of(command));
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            Process node = builder.start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!node.waitFor(1, TimeUnit.MINUTES) || out.isEmpty()) {
                node.destroyForcibly();
                throw new IllegalStateException("the TypeScript SDK client printed nothing for " + argv);
            }
            return out.substring(out.lastIndexOf('\n') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** oidc-provider serving on a free loopback port; closing it stops the process. */
    public record AuthorizationServer(Process process, String issuer) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
        }
    }

    /**
     * A real authorization server: oidc-provider, issuing JWT access tokens by the client
     * credentials grant. {@code configJson} is what authorization-server.mjs reads: the private
     * signing keys (JWKs), the default resource, and the clients with their signing algorithm and
     * extra claims. It is written to a file of {@code dir} for the process.
     */
    public static AuthorizationServer authorizationServer(Path dir, String configJson) {
        Path installed = install();
        try {
            Path config = Files.writeString(Files.createTempFile(dir, "authorization-server", ".json"), configJson);
            Process process = new ProcessBuilder("node", installed.resolve("authorization-server.mjs").toString(), config.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.startsWith("listening on ")) {
                process.destroyForcibly();
                throw new IllegalStateException("the authorization server (oidc-provider) did not start: " + line);
            }
            return new AuthorizationServer(process, line.substring("listening on ".length()).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path install() {
        if (installed != null) {
            return installed;
        }
        Path dir = Path.of("target", "node-peers").toAbsolutePath();
        NpmInstall.ci(dir, FILES, file -> {
            try (InputStream in = NodePeers.class.getResourceAsStream(RESOURCES + file)) {
                return in.readAllBytes();
            }
        });
        installed = dir;
        return dir;
    }
}
