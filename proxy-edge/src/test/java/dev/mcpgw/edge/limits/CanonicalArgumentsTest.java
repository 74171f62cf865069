package dev.mcpgw.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CanonicalArgumentsTest {
    private final CanonicalArguments arguments = new CanonicalArguments(1000);

    @Test
    void shouldGiveTheRfc8785FormOfTheArguments() {
        assertThat(arguments.of(new JsonObject("{\"b\":1.0E2,\"a\":\"x\"}"))).isEqualTo("{\"a\":\"x\",\"b\":100}");
    }

    @Test
    void shouldGiveAnEmptyObjectForNoArguments() {
        assertThat(arguments.of(null)).isEqualTo("{}");
    }

    @Test
    void shouldAcceptArgumentsExactlyAtTheLimit() {
        String filler = "x".repeat(1000 - "{\"t\":\"\"}".length());

        assertThat(arguments.of(new JsonObject().put("t", filler))).hasSize(1000);
    }

    @Test
    void shouldRefuseArgumentsOverTheLimitNamingTheConfigKey() {
        String filler = "x".repeat(1001 - "{\"t\":\"\"}".length());

        assertThatThrownBy(() -> arguments.of(new JsonObject().put("t", filler)))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
                    assertThat(e.getMessage()).contains("1001 bytes").contains("limits.maxArgumentsBytes");
                });
    }

    @Test
    void shouldRefuseABigArrayOfSmallValuesByItsCanonicalSize() {
        JsonArray big = new JsonArray();
        for (int i = 0; i < 500; i++) {
            big.add(i);
        }

        assertThatThrownBy(() -> arguments.of(new JsonObject().put("numbers", big))).hasMessageContaining("limits.maxArgumentsBytes");
    }

    @Test
    void shouldMeasureNumbersAsTheirCanonicalFormNotAsSent() {
        // 1e20 is 4 characters as sent and 21 in RFC 8785 form: the record holds the 21.
        JsonArray numbers = new JsonArray();
        for (int i = 0; i < 60; i++) {
            numbers.add(1e20);
        }

        assertThatThrownBy(() -> arguments.of(new JsonObject().put("n", numbers))).hasMessageContaining("limits.maxArgumentsBytes");
    }

    @Test
    void shouldMeasureBytesNotCharacters() {
        String accents = "é".repeat(500);

        assertThatThrownBy(() -> arguments.of(new JsonObject().put("t", accents))).hasMessageContaining("more than 1000");
    }

    @Test
    void shouldRefuseAnIntegerADoubleCannotHoldSoThePolicyNeverDecidesOnARoundedValue() {
        JsonObject given = new JsonObject("{\"amount\":9007199254740993}");

        assertThatThrownBy(() -> arguments.of(given)).hasMessageContaining("9007199254740993").hasMessageContaining("cannot be recorded exactly");
    }

    @Test
    void shouldRefuseANumberBeyondADoublesRange() {
        JsonObject given = new JsonObject("{\"big\":[1e400]}");

        assertThatThrownBy(() -> arguments.of(given)).hasMessageContaining("cannot be recorded exactly");
    }

    @Test
    void shouldAcceptTheLargestExactInteger() {
        assertThat(arguments.of(new JsonObject("{\"n\":-9007199254740992}"))).isEqualTo("{\"n\":-9007199254740992}");
    }

    @Test
    void shouldRefuseALoneSurrogateWhichWouldBeRecordedAsAnotherString() {
        JsonObject given = new JsonObject("{\"path\":\"/etc/pass\\ud800wd\"}");

        assertThatThrownBy(() -> arguments.of(given)).isInstanceOf(RpcException.class).hasMessageContaining("lone UTF-16 surrogate");
    }

    @Test
    void shouldRefuseALoneSurrogateDeepInAnArray() {
        JsonObject given = new JsonObject("{\"a\":[[{\"b\":\"x\\udbff\"}]]}");

        assertThatThrownBy(() -> arguments.of(given)).hasMessageContaining("lone UTF-16 surrogate");
    }

    /** The JSON parser already refuses one in a key a client sends; this holds whatever parsed the arguments. */
    @Test
    void shouldRefuseALoneSurrogateInAKey() {
        JsonObject given = new JsonObject().put("k" + (char) 0xDC00, 1);

        assertThatThrownBy(() -> arguments.of(given)).hasMessageContaining("lone UTF-16 surrogate");
    }

    @Test
    void shouldKeepACharacterBeyondTheBasicPlaneWrittenAsASurrogatePair() {
        assertThat(arguments.of(new JsonObject("{\"emoji\":\"\\ud83d\\ude00\"}"))).isEqualTo("{\"emoji\":\"\uD83D\uDE00\"}");
    }
}
