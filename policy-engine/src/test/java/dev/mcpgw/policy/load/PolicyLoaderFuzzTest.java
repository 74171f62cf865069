package dev.mcpgw.policy.load;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Whatever text is offered as a policy, the loader either loads it or says what is wrong with it: nothing else escapes. */
class PolicyLoaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyTextLoadsOrIsRefusedWithItsProblems(FuzzedDataProvider data) {
        boolean onePartition = data.consumeBoolean();
        String source = data.consumeRemainingAsString();
        try {
            new PolicyLoader(onePartition).load(source);
        } catch (PolicyException refused) {
            // The documented refusal, with every problem found.
        }
    }
}
