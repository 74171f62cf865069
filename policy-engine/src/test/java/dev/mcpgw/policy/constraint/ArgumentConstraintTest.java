package dev.mcpgw.policy.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentConstraintTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode args(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void shouldFailWhenARequiredArgumentIsMissing() throws Exception {
        var constraint = new ArgumentConstraint("path", true, List.of(new MaxLength(10)));

        assertThat(constraint.violation(args("{}"))).hasValue("arguments.path is missing");
        assertThat(constraint.violation(args("{\"path\": null}"))).hasValue("arguments.path is missing");
    }

    @Test
    void shouldPassWhenAnOptionalArgumentIsMissing() throws Exception {
        assertThat(new ArgumentConstraint("note", false, List.of(new MaxLength(10))).violation(args("{}"))).isEmpty();
    }

    @Test
    void shouldCheckANestedArgumentByItsDotPath() throws Exception {
        var constraint = new ArgumentConstraint("options.mode", true, List.of(new OneOf(List.of(TextNode.valueOf("r")))));

        assertThat(constraint.violation(args("{\"options\": {\"mode\": \"r\"}}"))).isEmpty();
        assertThat(constraint.violation(args("{\"options\": {\"mode\": \"rw\"}}"))).hasValue("arguments.options.mode 'rw' is not one of [\"r\"]");
    }

    @Test
    void shouldMatchARegexAgainstTheWholeString() {
        var pattern = new TextPattern(Pattern.compile("[a-z]+"));

        assertThat(pattern.violation(TextNode.valueOf("abc"))).isEmpty();
        assertThat(pattern.violation(TextNode.valueOf("abc; rm -rf /"))).isPresent();
        assertThat(pattern.violation(IntNode.valueOf(3))).hasValue("must be a string");
    }

    @Test
    void shouldCountCharactersNotBytesForMaxLength() {
        assertThat(new MaxLength(3).violation(TextNode.valueOf("😀😀😀"))).isEmpty();
        assertThat(new MaxLength(3).violation(TextNode.valueOf("abcd"))).hasValue("is 4 characters long, more than 3");
    }

    @Test
    void shouldCompareEnumNumbersByValue() {
        var oneOf = new OneOf(List.of(IntNode.valueOf(1), TextNode.valueOf("two")));

        assertThat(oneOf.violation(JSON.getNodeFactory().numberNode(new BigDecimal("1.0")))).isEmpty();
        assertThat(oneOf.violation(TextNode.valueOf("1"))).isPresent();
    }

    @Test
    void shouldKeepANumberWithinInclusiveBounds() {
        var range = new NumberRange(BigDecimal.ONE, BigDecimal.TEN);

        assertThat(range.violation(IntNode.valueOf(1))).isEmpty();
        assertThat(range.violation(IntNode.valueOf(10))).isEmpty();
        assertThat(range.violation(IntNode.valueOf(11))).hasValue("11 is above the maximum 10");
        assertThat(range.violation(IntNode.valueOf(0))).hasValue("0 is below the minimum 1");
        assertThat(range.violation(TextNode.valueOf("5"))).hasValue("must be a number");
    }
}
