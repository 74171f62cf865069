package dev.mcpgw.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class VerdictAuthenticatorTest {
    private final VerdictAuthenticator authenticator = new VerdictAuthenticator(SecretKeyFile.random());
    private final ReviewVerdict sealed = authenticator.seal(ReviewVerdict.newBuilder().setVerdictId("v-1").setIntentId("i-1").setApproved(true)
            .setApprover("alice").setApproverGroups(List.of("finance")).setComment(null).setChannel("web").setTime(5).build());

    @Test
    void shouldVerifyWhatItSealed() {
        assertThat(authenticator.verify(sealed)).isTrue();
    }

    @Test
    void shouldRefuseAVerdictWithAnyFieldChanged() {
        List<UnaryOperator<ReviewVerdict.Builder>> edits = List.of(
                b -> b.setVerdictId("v-2"), b -> b.setIntentId("i-2"), b -> b.setApproved(false), b -> b.setApprover("mallory"),
                b -> b.setApproverGroups(List.of("finance", "admins")), b -> b.setComment(""), b -> b.setChannel("cli"), b -> b.setTime(6),
                b -> b.setAuthenticator("not base64!"), b -> b.setAuthenticator(""));

        edits.forEach(edit -> assertThat(authenticator.verify(edit.apply(ReviewVerdict.newBuilder(sealed)).build())).isFalse());
    }

    @Test
    void shouldRefuseAVerdictSealedUnderAnotherKey() {
        assertThat(new VerdictAuthenticator(SecretKeyFile.random()).verify(sealed)).isFalse();
    }
}
