package dev.mcpgw.edge.downstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.policy.scan.ContentScanner;
import dev.mcpgw.policy.scan.Detector;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client answers a tool server's question with (a form's fields, a sampling result, its
 * roots) carries no credential to the server. MCP forbids a server to ask for one in a form: it
 * sends the user to a URL of its own instead. So a credential in an answer is a user misled, or a
 * server asking what it must not, and no policy rule sees it, since the policy decides calls, not
 * answers. The policy engine's secrets detector reads the answer; a refusal names the kinds it
 * found, never the text.
 */
public final class CredentialsInAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsInAnswers.class);

    private CredentialsInAnswers() {
    }

    /** Why {@code answer} may not go on to {@code server}: empty when it carries no credential. */
    public static Optional<RpcException> refusal(String server, Object answer, int code) {
        List<String> kinds = kindsIn(answer);
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        LOG.info("tool server {}: an answer to its question was not passed on: it carries {}", server, kinds);
        return Optional.of(new RpcException(code, "The gateway passes no credential to tool server " + server + " in an answer ("
                + String.join(", ", kinds) + " found): MCP has a server ask for one at a URL of its own, not in a form"));
    }

    /** {@code answer}, or the refusal above as a failure when it carries a credential. */
    public static Future<JsonObject> passed(String server, JsonObject answer, int code) {
        return refusal(server, answer, code).<Future<JsonObject>>map(Future::failedFuture).orElseGet(() -> Future.succeededFuture(answer));
    }

    private static List<String> kindsIn(Object answer) {
        if (answer == null) {
            return List.of();
        }
        try {
            return ContentScanner.scan(JSON.readTree(Json.encode(answer)), List.of(Detector.SECRETS)).stream()
                    .map(finding -> finding.detector() + "/" + finding.kind()).distinct().toList();
        } catch (JsonProcessingException e) {
            // Vert.x has just encoded it: unreadable here means it cannot be checked, so it does not go on.
            return List.of("unreadable answer");
        }
    }
}
