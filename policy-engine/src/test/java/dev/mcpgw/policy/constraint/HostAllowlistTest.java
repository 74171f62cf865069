package dev.mcpgw.policy.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAllowlistTest {
    private final HostAllowlist allowlist = HostAllowlist.of(List.of("api.github.com", "*.example.com"));

    @ParameterizedTest(name = "{0} allowed: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://api.github.com/repos/x             | true
            HTTPS://API.GITHUB.COM/repos/x             | true
            https://api.github.com./repos              | true
            http://docs.example.com/a?b=c              | true
            https://a.b.example.com:8443/              | true
            https://example.com/                       | false
            https://api.github.com@evil.com/           | false
            https://evil.com/api.github.com            | false
            https://api.github.com.evil.com/           | false
            https://evil.com#@api.github.com           | false
            ftp://api.github.com/file                  | false
            file:///etc/passwd                         | false
            api.github.com/repos                       | false
            https://%61pi.github.com/                  | false
            https://аpi.github.com/                    | false
            """)
    void shouldAllowOnlyHttpUrlsOnListedHosts(String url, boolean allowed) {
        assertThat(allowlist.violation(TextNode.valueOf(url)).isEmpty()).isEqualTo(allowed);
    }
}
