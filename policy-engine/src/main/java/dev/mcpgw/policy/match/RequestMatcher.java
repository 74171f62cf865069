package dev.mcpgw.policy.match;

import dev.mcpgw.policy.RequestKind;
import dev.mcpgw.policy.ToolIntent;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which requests a rule is about, and which of their targets: tools by name, prompts by name,
 * resources by URI. {@code requests} names the kinds; without it, the lists a rule names imply
 * them, so a rule written when only tool calls were decided stays about tool calls: {@code tools}
 * means tools/call, {@code prompts} prompts/get and completions of those prompts, {@code resources}
 * resources/read and resources/subscribe and completions of those resource templates, and a rule
 * naming none of them is about every request. Each list constrains only its own kind of target.
 */
public record RequestMatcher(Set<RequestKind> kinds, NameMatcher tools, NameMatcher prompts, NameMatcher resources) {

    public static RequestMatcher of(List<String> requests, List<String> tools, List<String> prompts, List<String> resources) {
        NameMatcher toolNames = NameMatcher.of(tools);
        NameMatcher promptNames = NameMatcher.of(prompts);
        NameMatcher resourceUris = NameMatcher.of(resources);
        Set<RequestKind> kinds = requests != null ? kinds(requests) : implied(tools != null, prompts != null, resources != null);
        return new RequestMatcher(kinds, toolNames, promptNames, resourceUris);
    }

    public boolean matches(ToolIntent intent) {
        if (!kinds.contains(intent.request())) {
            return false;
        }
        return switch (intent.request()) {
            case TOOLS_CALL -> tools.matches(intent.tool());
            case PROMPTS_GET -> prompts.matches(intent.tool());
            case RESOURCES_READ, RESOURCES_SUBSCRIBE -> resources.matches(intent.tool());
            case COMPLETION_COMPLETE -> completes(intent);
        };
    }

    /** A completion is of a prompt or of a resource template: a rule that names only the other kind's list is not about it. */
    private boolean completes(ToolIntent intent) {
        boolean ofResource = "ref/resource".equals(intent.arguments() == null ? null : intent.arguments().path("ref").path("type").asText(null));
        NameMatcher own = ofResource ? resources : prompts;
        NameMatcher other = ofResource ? prompts : resources;
        return own.globs().isEmpty() ? other.globs().isEmpty() : own.matches(intent.tool());
    }

    private static Set<RequestKind> kinds(List<String> methods) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("an empty list of requests never matches; leave requests out for every request");
        }
        Set<RequestKind> kinds = EnumSet.noneOf(RequestKind.class);
        methods.forEach(m -> kinds.add(RequestKind.of(m)));
        return kinds;
    }

    private static Set<RequestKind> implied(boolean tools, boolean prompts, boolean resources) {
        if (!tools && !prompts && !resources) {
            return EnumSet.allOf(RequestKind.class);
        }
        Set<RequestKind> kinds = EnumSet.noneOf(RequestKind.class);
        if (tools) {
            kinds.add(RequestKind.TOOLS_CALL);
        }
        if (prompts) {
            kinds.addAll(List.of(RequestKind.PROMPTS_GET, RequestKind.COMPLETION_COMPLETE));
        }
        if (resources) {
            kinds.addAll(List.of(RequestKind.RESOURCES_READ, RequestKind.RESOURCES_SUBSCRIBE, RequestKind.COMPLETION_COMPLETE));
        }
        return kinds;
    }
}
