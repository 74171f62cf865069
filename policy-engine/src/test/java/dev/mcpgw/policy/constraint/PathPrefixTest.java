package dev.mcpgw.policy.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPrefixTest {
    private final PathPrefix projects = PathPrefix.of(List.of("/srv/projects", "/tmp/scratch/"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /srv/projects                              | /srv/projects
            /srv/projects/app/main.py                  | /srv/projects/app/main.py
            /srv/projects/./app//main.py               | /srv/projects/app/main.py
            /srv/projects/app/../lib/util.py           | /srv/projects/lib/util.py
            \\srv\\projects\\app\\main.py              | /srv/projects/app/main.py
            file:///srv/projects/readme.md             | /srv/projects/readme.md
            /srv/projects/a%20b.txt                    | /srv/projects/a b.txt
            /srv/projects/c++.txt                      | /srv/projects/c++.txt
            /tmp/scratch/x                             | /tmp/scratch/x
            """)
    void shouldAcceptAPathThatStaysInsideAPrefix(String raw, String normalized) {
        assertThat(projects.violation(TextNode.valueOf(raw))).isEmpty();
        assertThat(PathNormalizer.normalize(raw).path()).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /etc/passwd                                | is outside
            /srv/projects-evil/x                       | is outside
            /srv/projects/../secrets                   | is outside
            /srv/projects/app/../../../etc/shadow      | is outside
            /srv/projects/%2e%2e/secrets               | is outside
            /srv/projects/%252e%252e/secrets           | is outside
            /srv/projects/..%2f..%2fetc/passwd         | is outside
            /srv/projects\\..\\..\\etc\\passwd         | is outside
            /srv/projects/．．/secrets                  | is outside
            /../etc/passwd                             | climbs above the root
            srv/projects/app                           | is not an absolute path
            ../srv/projects                            | is not an absolute path
            ~/srv/projects                             | is relative to a home directory
            /srv/projects/a%00.txt                     | contains a control character
            /srv/projects/%zz                          | has a malformed URL escape
            /srv/projects/%25252525252e                | is URL-encoded too many times
            """)
    void shouldRefuseAPathThatEscapesOrCannotBeConfined(String raw, String why) {
        assertThat(projects.violation(TextNode.valueOf(raw))).hasValueSatisfying(v -> assertThat(v).contains(why));
    }
}
