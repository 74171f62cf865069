package dev.mcpgw.edge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class McpHeadersTest {
    @Test
    void shouldLeaveAPlainAsciiValueAsItIs() {
        assertThat(McpHeaders.encode("get_weather")).isEqualTo("get_weather");
    }

    @Test
    void shouldEncodeNonAsciiInTheBase64Sentinel() {
        assertThat(McpHeaders.encode("Hello, 世界")).isEqualTo("=?base64?SGVsbG8sIOS4lueVjA==?=");
    }

    @Test
    void shouldEncodeLeadingOrTrailingSpaces() {
        assertThat(McpHeaders.encode(" padded ")).isEqualTo("=?base64?IHBhZGRlZCA=?=");
    }

    @Test
    void shouldEncodeAPlainValueThatLooksLikeTheSentinel() {
        assertThat(McpHeaders.encode("=?base64?literal?=")).isEqualTo("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
    }

    @Test
    void shouldDecodeWhatItEncodes() {
        assertThat(McpHeaders.decode(McpHeaders.encode("line1\nline2"))).hasValue("line1\nline2");
    }

    @Test
    void shouldFindAValueWithControlCharactersMalformed() {
        assertThat(McpHeaders.decode("bad\u0001value")).isEmpty();
    }

    @Test
    void shouldFindASentinelThatIsNotBase64Malformed() {
        assertThat(McpHeaders.decode("=?base64?***?=")).isEmpty();
    }

    @Test
    void shouldFindASentinelThatIsNotUtf8Malformed() {
        assertThat(McpHeaders.decode("=?base64?/w==?=")).isEmpty();
    }
}
