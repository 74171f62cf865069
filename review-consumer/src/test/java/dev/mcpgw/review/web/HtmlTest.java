package dev.mcpgw.review.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void shouldEscapeEveryCharacterThatCanOpenMarkupOrCloseAnAttribute() {
        assertThat(Html.escape("<a href='x' title=\"y\">&</a>")).isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void shouldReplaceControlCharactersButKeepLineBreaksAndTabs() {
        assertThat(Html.escape("a\u0000b\u001bc\nd\te")).isEqualTo("a&#xFFFD;b&#xFFFD;c\nd\te");
    }

    @Test
    void shouldKeepTextOutsideTheBasicPlaneWhole() {
        assertThat(Html.escape("pay 💶 now")).isEqualTo("pay 💶 now");
    }

    @Test
    void shouldShowBidiOverridesAndZeroWidthCharactersByTheirCodePoints() {
        assertThat(Html.escape("pay \u202Eevil\u202C to\u200B bob")).isEqualTo("pay [U+202E]evil[U+202C] to[U+200B] bob");
    }

    @Test
    void shouldShowNothingForNoText() {
        assertThat(Html.escape(null)).isEmpty();
    }
}
