package dev.mcpgw.policy.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import dev.mcpgw.policy.match.LinearPattern;
import dev.mcpgw.policy.match.WireName;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The comparison of a leaf condition, bound to its expected value at load time (so a bad regex is
 * a policy error, not a runtime one). The predicate sees only present values: a missing field
 * fails every operator but {@code exists}, {@code neq} and {@code notIn} included, so that an
 * absent value never satisfies a rule by accident.
 */
public enum Operator implements WireName {
    EQ("eq", expected -> actual -> same(actual, expected)),
    NEQ("neq", expected -> actual -> !same(actual, expected)),
    GT("gt", expected -> actual -> ordered(actual, expected) && compare(actual, expected) > 0),
    GTE("gte", expected -> actual -> ordered(actual, expected) && compare(actual, expected) >= 0),
    LT("lt", expected -> actual -> ordered(actual, expected) && compare(actual, expected) < 0),
    LTE("lte", expected -> actual -> ordered(actual, expected) && compare(actual, expected) <= 0),
    IN("in", expected -> actual -> elements(expected).anyMatch(e -> same(actual, e))),
    NOT_IN("notIn", expected -> actual -> elements(expected).noneMatch(e -> same(actual, e))),
    CONTAINS("contains", expected -> actual -> actual.isTextual()
            ? actual.textValue().contains(expected.asText())
            : actual.isArray() && elements(actual).anyMatch(e -> same(e, expected))),
    STARTS_WITH("startsWith", expected -> actual -> actual.isTextual() && actual.textValue().startsWith(expected.asText())),
    ENDS_WITH("endsWith", expected -> actual -> actual.isTextual() && actual.textValue().endsWith(expected.asText())),
    MATCHES("matches", Operator::searchFor),
    EXISTS("exists", expected -> actual -> true);

    private final String wireName;
    private final Function<JsonNode, Predicate<JsonNode>> binder;

    Operator(String wireName, Function<JsonNode, Predicate<JsonNode>> binder) {
        this.wireName = wireName;
        this.binder = binder;
    }

    public static Operator of(String name) {
        return WireName.parse(Operator.class, name, "operator");
    }

    /** The test of a present value against {@code expected}; throws IllegalArgumentException for an unusable expected value. */
    Predicate<JsonNode> bind(JsonNode expected) {
        if (expected == null && this != EXISTS) {
            throw new IllegalArgumentException("operator " + wireName + " needs a value");
        }
        return binder.apply(expected);
    }

    @Override
    public String wireName() {
        return wireName;
    }

    private static Predicate<JsonNode> searchFor(JsonNode expected) {
        Pattern pattern = LinearPattern.compile(expected.asText());
        return actual -> actual.isTextual() && pattern.matcher(actual.textValue()).find();
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0 : a.equals(b);
    }

    /** Numbers compare by value, strings lexically (ISO-8601 times thus in time order); nothing else compares. */
    private static boolean ordered(JsonNode a, JsonNode b) {
        return (a.isNumber() && b.isNumber()) || (a.isTextual() && b.isTextual());
    }

    private static int compare(JsonNode a, JsonNode b) {
        return a.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.textValue().compareTo(b.textValue());
    }

    private static Stream<JsonNode> elements(JsonNode list) {
        return list.isArray() ? StreamSupport.stream(list.spliterator(), false) : Stream.of(list);
    }
}
