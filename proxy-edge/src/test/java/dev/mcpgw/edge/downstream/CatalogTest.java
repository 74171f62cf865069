package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.Era;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CatalogTest {

    @Test
    void shouldRouteAnUnlistedNameToASoleUnprefixedServer() {
        Catalog catalog = new Catalog(Catalog.TOOLS, List.of(spec("only", "")));

        assertThat(catalog.lookup("not_listed", Era.SESSION)).hasValueSatisfying(entry -> {
            assertThat(entry.server()).isEqualTo("only");
            assertThat(entry.name()).isEqualTo("not_listed");
        });
    }

    @Test
    void shouldTreatAnUnlistedNameAsUnknownWhenTheServerHasAPrefix() {
        assertThat(new Catalog(Catalog.TOOLS, List.of(spec("files", "files"))).lookup("files__not_listed", Era.SESSION)).isEmpty();
    }

    @Test
    void shouldTreatAnUnlistedNameAsUnknownWhenSeveralServersAreFronted() {
        assertThat(new Catalog(Catalog.TOOLS, List.of(spec("a", ""), spec("b", "b"))).lookup("not_listed", Era.STATELESS)).isEmpty();
    }

    @Test
    @Timeout(60)
    void shouldStopFollowingAServersCursorsAfterAThousandPagesAndListNothingOfIt() {
        Vertx vertx = Vertx.vertx();
        Context context = vertx.getOrCreateContext();
        DownstreamSpec spec = new DownstreamSpec("endless", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-cp", System.getProperty("java.class.path"), EndlessListStdioServer.class.getName()), null, null, null, "endless");
        StdioDownstream server = new StdioDownstream(spec, context, Duration.ofSeconds(10));
        Catalog catalog = new Catalog(Catalog.TOOLS, List.of(spec));
        try {
            onContext(context, server::start);

            assertThatThrownBy(() -> onContext(context, () -> catalog.refresh(server, ServerHalf.whole(spec))))
                    .hasMessageContaining("endless's tools not listed: it had more after 1000 pages");
            assertThat(catalog.lookup("endless__tool_1", Era.SESSION)).isEmpty();
        } finally {
            onContext(context, server::close);
            vertx.close().await();
        }
    }

    private static <T> T onContext(Context context, Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(promise));
        return promise.future().await();
    }

    private static DownstreamSpec spec(String name, String prefix) {
        return new DownstreamSpec(name, "unused", List.of(), null, null, null, prefix);
    }
}
