package dev.mcpgw.edge.downstream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a URI could have come from an RFC 6570 URI template, to find the server whose resource
 * template a URI belongs to. RFC 6570 defines only expansion, and the libraries that implement it
 * do not match, hence this: a simple expression matches one path segment, a reserved one
 * ({@code +}, {@code #}) anything, a query or fragment form its part of the URI.
 */
final class UriTemplateMatch {
    private static final Pattern EXPRESSION = Pattern.compile("\\{([+#./;?&]?)[^}]*}");

    private UriTemplateMatch() {
    }

    static boolean matches(String template, String uri) {
        return regex(template).matcher(uri).matches();
    }

    private static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher expression = EXPRESSION.matcher(template);
        int literalFrom = 0;
        while (expression.find()) {
            regex.append(Pattern.quote(template.substring(literalFrom, expression.start())));
            regex.append(switch (expression.group(1)) {
                case "+", "#" -> ".*";
                case "?", "&" -> "([?&][^#]*)?";
                case "/" -> "(/[^?#]*)?";
                default -> "[^/?#]*";
            });
            literalFrom = expression.end();
        }
        regex.append(Pattern.quote(template.substring(literalFrom)));
        return Pattern.compile(regex.toString());
    }
}
