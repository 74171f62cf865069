package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.match.Glob;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A URL argument limited to http(s) on hosts matching one of some globs ({@code api.github.com},
 * {@code *.example.com}). The host is the one {@link URI} parses (so {@code https://ok.com@evil.com}
 * is evil.com), lower-cased, without a trailing dot, in its ASCII (punycode) form.
 */
public record HostAllowlist(List<Glob> hosts) implements ValueConstraint {
    private static final Set<String> SCHEMES = Set.of("http", "https");

    public static HostAllowlist of(List<String> hosts) {
        return new HostAllowlist(hosts.stream().map(h -> Glob.compile(h.toLowerCase(Locale.ROOT))).toList());
    }

    @Override
    public Optional<String> violation(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.of("must be a URL (a string)");
        }
        Optional<String> host = host(value.textValue().strip());
        if (host.isEmpty()) {
            return Optional.of(ValueConstraint.quote(value) + " is not an http(s) URL with a host");
        }
        return hosts.stream().anyMatch(g -> g.matches(host.get())) ? Optional.empty()
                : Optional.of("host " + host.get() + " is not in " + hosts);
    }

    private static Optional<String> host(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
                return Optional.empty();
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            return Optional.of(IDN.toASCII(host));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
