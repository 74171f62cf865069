package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriTemplateMatchTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            demo://a/notes/{topic}          | demo://a/notes/kafka          | true
            demo://a/notes/{topic}          | demo://b/notes/kafka          | false
            demo://a/notes/{topic}          | demo://a/notes/kafka/deeper   | false
            file:///{+path}                 | file:///etc/hosts             | true
            repo://{owner}/{repo}/readme    | repo://ada/engine/readme      | true
            search://q{?term,limit}         | search://q?term=x&limit=2     | true
            search://q{?term,limit}         | search://q                    | true
            docs://{lang}.md                | docs://en.md                  | true
            docs://{lang}.md                | docs://enXmd                  | false
            """)
    void shouldMatchAUriAgainstATemplate(String template, String uri, boolean expected) {
        assertThat(UriTemplateMatch.matches(template, uri)).isEqualTo(expected);
    }
}
