package dev.mcpgw.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictAuthenticatorTest {
    private final VerdictAuthenticator authenticator = new VerdictAuthenticator(SecretKeyFile.random());

    private static ReviewVerdict verdict() {
        return ReviewVerdict.newBuilder().setVerdictId("v-1").setIntentId("intent-1").setApproved(true).setApprover("alice")
                .setApproverGroups(List.of("group:finance", "role:lead")).setComment("looks right").setChannel("web")
                .setTime(1_700_000_000_000L).build();
    }

    private ReviewVerdict sealed(ReviewVerdict verdict) {
        return ReviewVerdict.newBuilder(verdict).setAuthenticator(authenticator.seal(verdict)).build();
    }

    @Test
    void shouldVerifyAVerdictItSealed() {
        assertThat(authenticator.verifies(sealed(verdict()))).isTrue();
    }

    @Test
    void shouldRefuseAVerdictWithoutAuthenticator() {
        assertThat(authenticator.verifies(verdict())).isFalse();
    }

    @Test
    void shouldRefuseAVerdictSealedUnderAnotherKey() {
        ReviewVerdict forged = ReviewVerdict.newBuilder(verdict())
                .setAuthenticator(new VerdictAuthenticator(SecretKeyFile.random()).seal(verdict())).build();
        assertThat(authenticator.verifies(forged)).isFalse();
    }

    @Test
    void shouldRefuseASealedVerdictWithAnyFieldChanged() {
        ReviewVerdict genuine = sealed(verdict());
        List<ReviewVerdict> altered = List.of(
                ReviewVerdict.newBuilder(genuine).setVerdictId("v-2").build(),
                ReviewVerdict.newBuilder(genuine).setIntentId("intent-2").build(),
                ReviewVerdict.newBuilder(genuine).setApproved(false).build(),
                ReviewVerdict.newBuilder(genuine).setApprover("mallory").build(),
                ReviewVerdict.newBuilder(genuine).setApproverGroups(List.of("group:finance", "role:admin")).build(),
                ReviewVerdict.newBuilder(genuine).setComment(null).build(),
                ReviewVerdict.newBuilder(genuine).setChannel("cli").build(),
                ReviewVerdict.newBuilder(genuine).setTime(1_700_000_000_001L).build());
        assertThat(altered).noneMatch(authenticator::verifies);
    }

    @Test
    void shouldNotConfuseFieldsThatRunTogether() {
        ReviewVerdict oneGroup = verdict();
        oneGroup.setApproverGroups(List.of("group:a\n7:group:b"));
        ReviewVerdict twoGroups = verdict();
        twoGroups.setApproverGroups(List.of("group:a", "group:b"));
        assertThat(VerdictAuthenticator.signedText(oneGroup)).isNotEqualTo(VerdictAuthenticator.signedText(twoGroups));
    }

    @Test
    void shouldTellAnAbsentCommentFromAnEmptyOrDashOne() {
        ReviewVerdict absent = ReviewVerdict.newBuilder(verdict()).setComment(null).build();
        ReviewVerdict dash = ReviewVerdict.newBuilder(verdict()).setComment("-").build();
        ReviewVerdict empty = ReviewVerdict.newBuilder(verdict()).setComment("").build();
        assertThat(List.of(VerdictAuthenticator.signedText(absent), VerdictAuthenticator.signedText(dash), VerdictAuthenticator.signedText(empty)))
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseAnAuthenticatorThatIsNotBase64() {
        assertThat(authenticator.verifies(ReviewVerdict.newBuilder(verdict()).setAuthenticator("not base64!").build())).isFalse();
    }
}
