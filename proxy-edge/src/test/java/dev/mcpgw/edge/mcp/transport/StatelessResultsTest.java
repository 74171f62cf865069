package dev.mcpgw.edge.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatelessResultsTest {
    private final StatelessResults results = new StatelessResults(Duration.ofSeconds(5));

    @Test
    void shouldLetClientsCacheTheGatewaysListsForTheConfiguredTimeForTheAgentAlone() {
        JsonObject listed = results.complete("tools/list", new JsonObject().put("tools", new JsonArray()));

        assertThat(listed.getLong("ttlMs")).isEqualTo(5000L);
        assertThat(listed.getString("cacheScope")).isEqualTo("private");
        assertThat(listed.getString("resultType")).isEqualTo("complete");
    }

    @Test
    void shouldMarkAResourceItsServerGaveNoHintForAsNotToBeCached() {
        JsonObject read = results.complete("resources/read", new JsonObject());

        assertThat(read.getLong("ttlMs")).isZero();
        assertThat(read.getString("cacheScope")).isEqualTo("private");
    }

    @Test
    void shouldKeepTheCacheHintAServerGave() {
        JsonObject listed = results.complete("tools/list", new JsonObject().put("ttlMs", 900).put("cacheScope", "private"));

        assertThat(listed.getLong("ttlMs")).isEqualTo(900L);
    }
}
