package dev.mcpgw.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The size of a pattern, told before RE2/J compiles it. */
class PatternSizeTest {
    @Test
    void shouldMultiplyARepetitionWithinARepetition() {
        assertThat(PatternSize.of("a{1000}").instructions()).isBetween(1000L, 1010L);
        assertThat(PatternSize.of("((a{1000}){1000}){1000}").instructions()).isGreaterThan(1_000_000_000L);
    }

    @Test
    void shouldCountOnlyGroupsAsNestingNotEscapedOrClassOrQuotedParentheses() {
        assertThat(PatternSize.of("\\(\\([((]\\Q(((\\E(a(b))").depth()).isEqualTo(2);
    }

    @Test
    void shouldCountAQuotedLiteralByItsLength() {
        assertThat(PatternSize.of("\\Q" + "a".repeat(100_000) + "\\E").instructions()).isGreaterThanOrEqualTo(100_000L);
    }

    @Test
    void shouldReadAMegabyteOfUnclosedBracesAndClassNamesInLinearTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            PatternSize.of("{".repeat(1_000_000));
            PatternSize.of("[" + "[:".repeat(500_000));
        });
    }
}
