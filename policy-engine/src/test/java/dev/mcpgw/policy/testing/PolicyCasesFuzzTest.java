package dev.mcpgw.policy.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;

/** Whatever text is offered as test cases or as an intent, it is read or refused with a CaseException: nothing else escapes. */
class PolicyCasesFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyTextReadsAsCasesOrIsRefused(FuzzedDataProvider data) {
        boolean asIntent = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        try {
            if (asIntent) {
                new IntentReader(Clock.systemUTC()).read(text);
            } else {
                new PolicyCases(Clock.systemUTC()).read(text);
            }
        } catch (CaseException refused) {
            // The documented refusal, saying where and why.
        }
    }
}
