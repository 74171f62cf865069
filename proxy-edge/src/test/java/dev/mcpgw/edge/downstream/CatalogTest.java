package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.Era;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        // Its own event loop, for this test alone: the others need none.
        EventLoop loop = new EventLoop();
        DownstreamSpec spec = new DownstreamSpec("endless", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-cp", System.getProperty("java.class.path"), EndlessListStdioServer.class.getName()), null, null, null, "endless");
        StdioDownstream server = new StdioDownstream(spec, loop.context(), Duration.ofSeconds(10));
        Catalog catalog = new Catalog(Catalog.TOOLS, List.of(spec));
        try {
            loop.await(server::start);

            assertThatThrownBy(() -> loop.await(() -> catalog.refresh(server, ServerHalf.whole(spec))))
                    .hasMessageContaining("endless's tools not listed: it had more after 1000 pages");
            assertThat(catalog.lookup("endless__tool_1", Era.SESSION)).isEmpty();
        } finally {
            loop.await(server::close);
            loop.close();
        }
    }

    private static DownstreamSpec spec(String name, String prefix) {
        return new DownstreamSpec(name, "unused", List.of(), null, null, null, prefix);
    }
}
