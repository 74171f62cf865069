package dev.mcpgw.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.Random;
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

    @Test
    void shouldMatchAStarBetweenAPrefixAndASuffixWithoutOverlappingThem() {
        assertThat(Glob.compile("ab*ba").matches("aba")).isFalse();
        assertThat(Glob.compile("ab*ba").matches("abba")).isTrue();
        assertThat(Glob.compile("ab*ba").matches("ab/x/ba")).isTrue();
        assertThat(Glob.compile("*").matches("")).isTrue();
    }

    @Test
    void shouldMatchAsTheEquivalentRegexDoesForEveryShape() {
        Random random = new Random(7);
        String alphabet = "ab*?\n.é😀";
        for (int i = 0; i < 20_000; i++) {
            String glob = randomText(random, alphabet, 1 + random.nextInt(5));
            String value = randomText(random, alphabet.replace("*", "").replace("?", ""), random.nextInt(7));
            String regex = glob.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf((char) c)))
                    .reduce("", String::concat);
            assertThat(Glob.compile(glob).matches(value)).as("%s against %s", glob, value)
                    .isEqualTo(Pattern.compile(regex, Pattern.DOTALL).matcher(value).matches());
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }
}
