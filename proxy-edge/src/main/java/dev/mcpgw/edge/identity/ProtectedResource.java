package dev.mcpgw.edge.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The gateway as an OAuth 2.0 protected resource: its metadata document (RFC 9728), where it is
 * served, and the {@code WWW-Authenticate} challenge of a refusal, which names that document so
 * that a client can find the authorization server (MCP authorization, "Protected Resource
 * Metadata Discovery Requirements").
 */
public final class ProtectedResource {
    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";
    private static final String REALM = "mcp-gateway";

    private final OAuthSettings settings;

    public ProtectedResource(OAuthSettings settings) {
        this.settings = settings;
    }

    /**
     * The metadata URL RFC 9728 section 3.1 derives from the resource URI: the well-known path
     * inserted between its authority and its path ({@code https://gw.example/mcp} has
     * {@code https://gw.example/.well-known/oauth-protected-resource/mcp}).
     */
    public String metadataUrl() {
        URI resource = settings.resource();
        return resource.getScheme() + "://" + resource.getRawAuthority() + WELL_KNOWN + resourcePath();
    }

    /**
     * The paths the edge serves the document at: the root form, the form suffixed with the
     * resource URI's path (which {@link #metadataUrl()} names), and the form suffixed with the
     * edge's own MCP path (what a client derives from the URL it was given, when a proxy in front
     * changes the path).
     */
    public List<String> paths(String mcpPath) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(WELL_KNOWN);
        paths.add(WELL_KNOWN + resourcePath());
        paths.add(WELL_KNOWN + mcpPath);
        return new ArrayList<>(paths);
    }

    private String resourcePath() {
        String path = settings.resource().getRawPath();
        return path == null || path.equals("/") ? "" : path;
    }

    /** The metadata document: the resource URI, the issuers, how tokens are sent, the scopes (when configured). */
    public JsonObject document() {
        JsonObject document = new JsonObject()
                .put("resource", settings.resource().toString())
                .put("authorization_servers", new JsonArray(settings.authorizationServers().stream()
                        .map(OAuthSettings.AuthorizationServer::issuer).toList()))
                .put("bearer_methods_supported", new JsonArray().add("header"))
                .put("resource_name", "MCP authorization gateway");
        if (!settings.scopes().isEmpty()) {
            document.put("scopes_supported", new JsonArray(settings.scopes()));
        }
        return document;
    }

    /**
     * The {@code WWW-Authenticate} value for a refusal: the realm, the metadata URL, the scopes,
     * and for a presented token that was refused {@code error="invalid_token"} with its reason.
     */
    public String challenge(AuthenticationRefusal refusal) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"" + REALM + "\", resource_metadata=\"" + metadataUrl() + "\"");
        if (!settings.scopes().isEmpty()) {
            challenge.append(", scope=\"").append(String.join(" ", settings.scopes())).append('"');
        }
        if (refusal.invalidToken()) {
            challenge.append(", error=\"invalid_token\", error_description=\"").append(refusal.description().replace('"', '\'')).append('"');
        }
        return challenge.toString();
    }

    /** The challenge when the gateway takes API keys only: no metadata to name. */
    public static String apiKeyChallenge() {
        return "Bearer realm=\"" + REALM + "\"";
    }
}
