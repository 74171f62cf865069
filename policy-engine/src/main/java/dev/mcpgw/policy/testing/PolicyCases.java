package dev.mcpgw.policy.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcpgw.policy.Effect;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a file of test cases (YAML or JSON, see CaseFile); a file with any bad case is refused whole. */
public final class PolicyCases {
    private static final String NO_CASES = "no cases: the file needs a list under 'cases'";
    private final IntentReader intents;

    /** {@code clock} gives the event time of a case whose intent names none. */
    public PolicyCases(Clock clock) {
        this.intents = new IntentReader(clock);
    }

    public List<PolicyCase> read(String text) throws CaseException {
        if (text.isBlank()) {
            throw new CaseException(NO_CASES);
        }
        CaseFile file;
        try {
            file = IntentReader.YAML.readValue(text, CaseFile.class);
        } catch (JsonProcessingException e) {
            throw new CaseException(IntentReader.describe(e));
        }
        if (file == null || file.cases() == null || file.cases().isEmpty()) {
            throw new CaseException(NO_CASES);
        }
        List<PolicyCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < file.cases().size(); i++) {
            cases.add(toCase(file.cases().get(i), i, names));
        }
        return List.copyOf(cases);
    }

    private PolicyCase toCase(CaseFile.Entry e, int index, Set<String> names) throws CaseException {
        String where = "cases[" + index + "]" + (e.name() == null ? "" : " (" + e.name() + ")") + ": ";
        if (e.name() == null || e.name().isBlank()) {
            throw new CaseException(where + "name is required");
        }
        if (!names.add(e.name())) {
            throw new CaseException(where + "another case has this name");
        }
        if (e.intent() == null) {
            throw new CaseException(where + "intent is required");
        }
        if (e.expect() == null || e.expect().effect() == null) {
            throw new CaseException(where + "expect.effect is required (allow, deny or review)");
        }
        Map<String, Long> counted = e.counted() == null ? Map.of() : Map.copyOf(e.counted());
        if (counted.values().stream().anyMatch(n -> n < 0)) {
            throw new CaseException(where + "counted: a count cannot be negative");
        }
        return new PolicyCase(e.name(), intents.toIntent(e.intent(), where + "intent."), counted, effect(e.expect().effect(), where),
                e.expect().rules() == null ? null : List.copyOf(e.expect().rules()));
    }

    private static Effect effect(String text, String where) throws CaseException {
        try {
            return Effect.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CaseException(where + "expect.effect '" + text + "' is not allow, deny or review");
        }
    }
}
