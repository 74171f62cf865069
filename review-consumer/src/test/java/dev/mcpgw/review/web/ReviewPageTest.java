package dev.mcpgw.review.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReviewPageTest {

    @Test
    void shouldShowOrdinaryArgumentsWhole() {
        assertThat(ReviewPage.shownWhole("{\"amount\":10,\"to\":\"bob\"}")).isTrue();
    }

    @Test
    void shouldNotCallArgumentsPaddedPastTheViewShownWhole() {
        String padded = "{\"note\":\"" + "x".repeat(30_000) + "\",\"to\":\"mallory\"}";

        assertThat(ReviewPage.shownWhole(padded)).isFalse();
        assertThat(ReviewPage.readable(padded)).doesNotContain("mallory");
    }
}
