package dev.mcpgw.edge.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps {@code Authorization: Bearer <api key>} to an agent. Keys are held only as SHA-256 digests,
 * and a lookup by digest compares no secret byte by byte, so timing reveals nothing about a key.
 * The digests never leave this class: the agent carries its key's {@link CredentialLabels label}.
 */
public final class ApiKeyAuthenticator {
    private static final String BEARER = "bearer ";
    private final Map<String, Agent> agentsByKeyDigest = new HashMap<>();

    public ApiKeyAuthenticator(List<AgentCredential> credentials, CredentialLabels labels) {
        Set<String> labelsSeen = new HashSet<>();
        for (AgentCredential credential : credentials) {
            String digest = digest(credential.apiKey());
            String label = labels.labelOf(credential);
            if (!labelsSeen.add(label)) {
                throw new IllegalArgumentException("two API keys share the label " + label + " (second: agent " + credential.id() + ")");
            }
            List<String> groups = credential.groups() == null ? List.of() : List.copyOf(credential.groups());
            Map<String, String> attributes = credential.attributes() == null ? Map.of() : Map.copyOf(credential.attributes());
            if (agentsByKeyDigest.put(digest, new Agent(credential.id(), groups, attributes, label)) != null) {
                throw new IllegalArgumentException("two agents share one API key (second: " + credential.id() + ")");
            }
        }
    }

    public Optional<Agent> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return lookup(authorizationHeader.substring(BEARER.length()).trim());
    }

    /** The agent whose API key this bearer value is. */
    public Optional<Agent> lookup(String key) {
        return key.isEmpty() ? Optional.empty() : Optional.ofNullable(agentsByKeyDigest.get(digest(key)));
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
