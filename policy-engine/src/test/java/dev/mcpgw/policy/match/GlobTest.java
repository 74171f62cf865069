package dev.mcpgw.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void shouldMatchAnyRunWithStar() {
        assertThat(Glob.compile("delete_*").matches("delete_file")).isTrue();
        assertThat(Glob.compile("delete_*").matches("undelete_file")).isFalse();
    }

    @Test
    void shouldLetStarCrossSlashes() {
        assertThat(Glob.compile("repo/*").matches("repo/a/b")).isTrue();
    }

    @Test
    void shouldMatchOneCharacterWithQuestionMark() {
        assertThat(Glob.compile("v?").matches("v1")).isTrue();
        assertThat(Glob.compile("v?").matches("v12")).isFalse();
    }

    @Test
    void shouldTreatRegexCharactersLiterally() {
        assertThat(Glob.compile("a.b+c").matches("a.b+c")).isTrue();
        assertThat(Glob.compile("a.b+c").matches("axbbc")).isFalse();
    }
}
