package dev.mcpgw.policy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";

    /** What a receipt would hold: the arguments with everything every detector flags redacted. */
    private static String redacted(String arguments) throws Exception {
        JsonNode sent = JSON.readTree(arguments.replace("$KEY", KEY));
        List<Finding> findings = ContentScanner.scan(sent, Arrays.asList(Detector.values()));
        return Redaction.apply(sent, findings.stream().map(Finding::place).toList()).toString();
    }

    private static ArgumentPlace value(String pointer) {
        return new ArgumentPlace(pointer, ArgumentPlace.Part.VALUE);
    }

    @Test
    void flaggedValuesInObjectsAndArraysAreReplacedAndTheOriginalIsLeftAlone() throws Exception {
        JsonNode arguments = JSON.readTree("{\"a\": \"secret\", \"b\": {\"env\": [\"ok\", \"secret\"]}, \"c\": 1}");

        JsonNode redacted = Redaction.apply(arguments, List.of(value("/a"), value("/b/env/1")));

        assertThat(redacted.toString()).isEqualTo(
                "{\"a\":\"[redacted by the gateway]\",\"b\":{\"env\":[\"ok\",\"[redacted by the gateway]\"]},\"c\":1}");
        assertThat(arguments.get("a").textValue()).isEqualTo("secret");
    }

    @Test
    void aKeyContainingADotIsRedactedWhole() throws Exception {
        assertThat(redacted("{\"text\": \"hi\", \"a\": [0], \"a.x\": \"$KEY\"}"))
                .isEqualTo("{\"text\":\"hi\",\"a\":[0],\"a.x\":\"[redacted by the gateway]\"}");
    }

    @Test
    void aKeyContainingADotIsRedactedWhenNoKeyNamesItsFirstPart() throws Exception {
        assertThat(redacted("{\"a.x\": \"$KEY\"}")).isEqualTo("{\"a.x\":\"[redacted by the gateway]\"}");
    }

    @Test
    void numericLookingKeysAreKeysNotArrayIndexes() throws Exception {
        assertThat(redacted("{\"0\": {\"1\": \"$KEY\", \"01\": \"$KEY\", \"-\": \"$KEY\"}}")).isEqualTo(
                "{\"0\":{\"1\":\"[redacted by the gateway]\",\"01\":\"[redacted by the gateway]\",\"-\":\"[redacted by the gateway]\"}}");
    }

    @Test
    void arraysOfArraysAreRedactedAtTheirIndex() throws Exception {
        assertThat(redacted("[[\"x\", [\"$KEY\"]], \"y\"]")).isEqualTo("[[\"x\",[\"[redacted by the gateway]\"]],\"y\"]");
    }

    @Test
    void emptyKeysAreRedactedLikeAnyOther() throws Exception {
        assertThat(redacted("{\"\": {\"\": \"$KEY\"}}")).isEqualTo("{\"\":{\"\":\"[redacted by the gateway]\"}}");
    }

    @Test
    void slashesAndTildesInKeysAreRedactedLikeAnyOther() throws Exception {
        assertThat(redacted("{\"a/b\": {\"~1\": \"$KEY\", \"~\": [\"$KEY\"]}}"))
                .isEqualTo("{\"a/b\":{\"~1\":\"[redacted by the gateway]\",\"~\":[\"[redacted by the gateway]\"]}}");
    }

    @Test
    void aFlaggedKeyIsRenamedAndKeepsItsMemberInPlace() throws Exception {
        assertThat(redacted("{\"a\": 1, \"$KEY\": \"kept\", \"b\": 2}"))
                .isEqualTo("{\"a\":1,\"[redacted key 1]\":\"kept\",\"b\":2}");
    }

    @Test
    void renamedKeysStayUniqueInTheirObject() throws Exception {
        assertThat(redacted("{\"[redacted key 1]\": 0, \"$KEY\": 1, \"AKIAIOSFODNN7EXAMPL2\": 2}"))
                .isEqualTo("{\"[redacted key 1]\":0,\"[redacted key 2]\":1,\"[redacted key 3]\":2}");
    }

    @Test
    void aFlaggedValueUnderFlaggedKeysIsRedactedToo() throws Exception {
        assertThat(redacted("{\"$KEY\": {\"$KEY\": \"$KEY\"}}"))
                .isEqualTo("{\"[redacted key 1]\":{\"[redacted key 1]\":\"[redacted by the gateway]\"}}");
    }

    @Test
    void theRootPointerReplacesTheWholeArguments() throws Exception {
        JsonNode arguments = JSON.readTree("{\"a\": \"b\"}");

        assertThat(Redaction.apply(arguments, List.of(value("/a"), ArgumentPlace.WHOLE)).textValue()).isEqualTo(Redaction.MARK);
    }

    @Test
    void aPlaceThatIsNotInTheArgumentsRedactsTheWholeArguments() throws Exception {
        JsonNode arguments = JSON.readTree("{\"a\": [\"b\"]}");

        assertThat(Redaction.apply(arguments, List.of(value("/a/1"))).textValue()).isEqualTo(Redaction.MARK);
        assertThat(Redaction.apply(arguments, List.of(value("/a/x"))).textValue()).isEqualTo(Redaction.MARK);
        assertThat(Redaction.apply(arguments, List.of(new ArgumentPlace("/a/0", ArgumentPlace.Part.KEY))).textValue())
                .isEqualTo(Redaction.MARK);
    }

    @Test
    void aPointerThatIsNotRfc6901RedactsTheWholeArguments() throws Exception {
        assertThat(Redaction.apply(JSON.readTree("{\"a\": 1}"), List.of(value("a"))).textValue()).isEqualTo(Redaction.MARK);
    }

    @Test
    void argumentsThatCouldNotBeReadAreRedactedWhole() {
        assertThat(Redaction.apply(null, List.of(ArgumentPlace.WHOLE)).textValue()).isEqualTo(Redaction.MARK);
    }

    @Test
    void aCredentialInFreeTextIsReplacedWhereItStandsAndTheRestKept() {
        assertThat(Redaction.credentialsIn("key AKIAIOSFODNN7EXAMPLE and ghp_" + "a".repeat(36) + " refused"))
                .isEqualTo("key " + Redaction.MARK + " and " + Redaction.MARK + " refused");
    }

    @Test
    void freeTextWithoutACredentialIsLeftAsItIs() {
        String text = "disk full";

        assertThat(Redaction.credentialsIn(text)).isSameAs(text);
    }
}
