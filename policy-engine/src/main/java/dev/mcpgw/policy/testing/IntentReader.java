package dev.mcpgw.policy.testing;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mcpgw.policy.RequestKind;
import dev.mcpgw.policy.ToolIntent;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** Turns an intent written by a person (YAML or JSON, see IntentFile) into what the engine judges. */
public final class IntentReader {
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .withConfigOverride(Map.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .build();

    private final Clock clock;

    /** {@code clock} gives the event time of an intent that names none. */
    public IntentReader(Clock clock) {
        this.clock = clock;
    }

    /** One intent, as given to {@code gateway policy explain --intent}. */
    public ToolIntent read(String text) throws CaseException {
        IntentFile file;
        try {
            file = YAML.readValue(text, IntentFile.class);
        } catch (JsonProcessingException e) {
            throw new CaseException(describe(e));
        }
        if (file == null) {
            throw new CaseException("the intent is empty");
        }
        return toIntent(file, "");
    }

    ToolIntent toIntent(IntentFile f, String where) throws CaseException {
        if (f.agent() == null || f.agent().id() == null || f.agent().id().isBlank()) {
            throw new CaseException(where + "agent.id is required");
        }
        if (f.server() == null || f.server().isBlank()) {
            throw new CaseException(where + "server is required");
        }
        List<String> targets = Stream.of(f.tool(), f.prompt(), f.resource(), f.completion()).filter(Objects::nonNull).toList();
        if (targets.size() != 1) {
            throw new CaseException(where + "name exactly one of tool, prompt, resource or completion");
        }
        return new ToolIntent(f.agent().id(), Set.copyOf(or(f.agent().groups(), List.of())), Map.copyOf(or(f.agent().attributes(), Map.of())),
                f.server(), targets.get(0), f.arguments() == null ? JsonNodeFactory.instance.objectNode() : f.arguments(),
                time(f.time(), where), Map.copyOf(or(f.context(), Map.of())), kind(f, where));
    }

    private static RequestKind kind(IntentFile f, String where) throws CaseException {
        RequestKind implied = f.tool() != null ? RequestKind.TOOLS_CALL : f.prompt() != null ? RequestKind.PROMPTS_GET
                : f.resource() != null ? RequestKind.RESOURCES_READ : RequestKind.COMPLETION_COMPLETE;
        if (f.request() == null) {
            return implied;
        }
        RequestKind named;
        try {
            named = RequestKind.of(f.request());
        } catch (IllegalArgumentException e) {
            throw new CaseException(where + "request: " + e.getMessage());
        }
        boolean fits = named == implied || (implied == RequestKind.RESOURCES_READ && named == RequestKind.RESOURCES_SUBSCRIBE);
        if (!fits) {
            throw new CaseException(where + "request " + f.request() + " does not go with the target named");
        }
        return named;
    }

    private Instant time(String text, String where) throws CaseException {
        if (text == null) {
            return clock.instant();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CaseException(where + "time '" + text + "' is not an ISO-8601 UTC time such as 2026-11-23T10:00:00Z");
        }
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    /** A binding error as "line L, column C: field.path: what", without Jackson's class names. */
    static String describe(JsonProcessingException e) {
        String at = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return at + e.getOriginalMessage();
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return at + path + ": " + e.getOriginalMessage();
    }
}
