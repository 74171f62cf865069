package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void shouldRouteAnUnlistedNameToASoleUnprefixedServer() {
        Catalog catalog = new Catalog(Catalog.TOOLS, List.of(spec("only", "")));

        assertThat(catalog.lookup("not_listed")).hasValueSatisfying(entry -> {
            assertThat(entry.server()).isEqualTo("only");
            assertThat(entry.name()).isEqualTo("not_listed");
        });
    }

    @Test
    void shouldTreatAnUnlistedNameAsUnknownWhenTheServerHasAPrefix() {
        assertThat(new Catalog(Catalog.TOOLS, List.of(spec("files", "files"))).lookup("files__not_listed")).isEmpty();
    }

    @Test
    void shouldTreatAnUnlistedNameAsUnknownWhenSeveralServersAreFronted() {
        assertThat(new Catalog(Catalog.TOOLS, List.of(spec("a", ""), spec("b", "b"))).lookup("not_listed")).isEmpty();
    }

    private static DownstreamSpec spec(String name, String prefix) {
        return new DownstreamSpec(name, "unused", List.of(), null, null, null, prefix);
    }
}
