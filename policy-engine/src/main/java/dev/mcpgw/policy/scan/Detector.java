package dev.mcpgw.policy.scan;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.mcpgw.policy.match.WireName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A family of content patterns ({@code secrets}, {@code pii}, ...). Each pattern has a kind name
 * and may carry a check on the matched text that a pattern cannot express (Luhn for card numbers,
 * the number ranges never issued as SSNs). Patterns run with RE2, linear in the text scanned, and
 * only on text that holds one of their {@link Keywords}.
 */
public enum Detector implements WireName {
    SECRETS("secrets", List.of(
            Signature.of("aws-access-key", Keywords.anyOf("AKIA", "ASIA"), "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Signature.of("private-key", Keywords.anyOf("-----BEGIN "), "-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY-----"),
            Signature.of("github-token", Keywords.anyOf("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), "\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
            Signature.of("slack-token", Keywords.anyOf("xox"), "\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            Signature.of("google-api-key", Keywords.anyOf("AIza"), "\\bAIza[0-9A-Za-z_-]{35}\\b"),
            Signature.of("stripe-key", Keywords.anyOf("k_live_"), "\\b[rs]k_live_[0-9A-Za-z]{20,}\\b"),
            Signature.of("openai-key", Keywords.anyOf("sk-"), "\\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}"),
            Signature.of("jwt", Keywords.anyOf("eyJ"), "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            Signature.of("password-in-url", Keywords.anyOf("://"), "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@"))),
    PII("pii", List.of(
            Signature.of("email", Keywords.anyOf("@"), "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b"),
            Signature.checked("card-number", Keywords.digits(13), "\\b(?:\\d[ -]?){12,18}\\d\\b", Detector::luhn),
            Signature.checked("us-ssn", Keywords.digits(9), "\\b\\d{3}-\\d{2}-\\d{4}\\b", Detector::issuableSsn),
            // The letter classes leave out the letters a national insurance number never has in first and second place.
            Signature.of("uk-nino", Keywords.digits(6), "\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b"))),
    PROMPT_INJECTION("prompt_injection", List.of(
            Signature.of("override-instructions", Keywords.anyOfIgnoringCase("ignore", "disregard", "forget", "override"),
                    "(?i)\\b(?:ignore|disregard|forget|override)\\b.{0,30}\\b(?:previous|prior|above|earlier|all|your)\\b.{0,20}\\b(?:instructions|prompts?|rules|directions)\\b"),
            Signature.of("role-reassignment", Keywords.anyOfIgnoringCase("you are now", "from now on", "act as"),
                    "(?i)\\byou are now\\b|\\bfrom now on,? you\\b|\\bact as (?:an? )?(?:unrestricted|jailbroken|DAN)\\b"),
            Signature.of("system-prompt-probe", Keywords.anyOfIgnoringCase("system prompt"), "(?i)\\b(?:reveal|print|show|repeat)\\b.{0,20}\\bsystem prompt\\b"),
            // Java's ^ also began a line after \r, U+0085, U+2028 and U+2029; RE2's only after \n.
            Signature.of("chat-template-marker", Keywords.anyOfIgnoringCase("<|", "[inst]", "[/inst]", "##"),
                    "(?i)<\\|im_start\\|>|<\\|system\\|>|\\[/?INST]|(?:^|[\\r\\x{85}\\x{2028}\\x{2029}])\\s*#{2,}\\s*system\\b"))),
    SHELL_INJECTION("shell_injection", List.of(
            Signature.of("command-chaining", Keywords.anyOf(";", "&&", "||"), "(?:;|&&|\\|\\|)\\s*(?:rm|curl|wget|nc|ncat|bash|sh|zsh|python3?|perl|chmod|chown|sudo|cat|scp)\\b"),
            Signature.of("command-substitution", Keywords.anyOf("$(", "`"), "\\$\\([^)]*\\)|`[^`]+`"),
            Signature.of("pipe-to-shell", Keywords.anyOf("|"), "\\|\\s*(?:sudo\\s+)?(?:ba|z)?sh\\b"),
            Signature.of("destructive-command", Keywords.anyOf("rm"), "\\brm\\s+-[a-zA-Z]*[rf][a-zA-Z]*\\s+/"))),
    SQL_INJECTION("sql_injection", List.of(
            Signature.of("tautology", Keywords.anyOf("'"), "(?i)'\\s*(?:or|and)\\s+'?\\w+'?\\s*=\\s*'?\\w+"),
            Signature.of("stacked-query", Keywords.anyOf(";"), "(?i);\\s*(?:drop|delete|truncate|alter|insert|update|create|grant)\\s"),
            Signature.of("union-select", Keywords.anyOfIgnoringCase("union"), "(?i)\\bunion\\s+(?:all\\s+)?select\\b"),
            Signature.of("comment-truncation", Keywords.anyOf("'"), "'\\s*(?:--|#|/\\*)")));

    private final String wireName;
    private final List<Signature> signatures;

    Detector(String wireName, List<Signature> signatures) {
        this.wireName = wireName;
        this.signatures = signatures;
    }

    public static Detector of(String name) {
        return WireName.parse(Detector.class, name.toLowerCase(Locale.ROOT), "detector");
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The kinds found in {@code text}, each once, in signature order. */
    public List<String> kindsIn(String text) {
        return kindsIn(new ScannedText(text));
    }

    List<String> kindsIn(ScannedText text) {
        List<String> kinds = List.of();
        for (Signature signature : signatures) {
            if (signature.keywords().mayMatch(text) && signature.foundIn(text.text())) {
                kinds = kinds.isEmpty() ? new ArrayList<>() : kinds;
                kinds.add(signature.kind());
            }
        }
        return kinds;
    }

    /**
     * {@code text} with every stretch a signature finds replaced by {@code marker}, for text shown
     * on (a tool's description) rather than refused. Signatures run one after another on what the
     * previous ones left.
     */
    public String replacedIn(String text, String marker) {
        String current = text;
        for (Signature signature : signatures) {
            ScannedText scanned = new ScannedText(current);
            if (signature.keywords().mayMatch(scanned)) {
                current = signature.replacedIn(current, scanned.text(), marker);
            }
        }
        return current;
    }

    /** The kinds {@code text} holds by the patterns alone, {@link Keywords} not asked: what they must agree with. */
    List<String> kindsByPatternsAlone(String text) {
        String scanned = new ScannedText(text).text();
        return signatures.stream().filter(s -> s.foundIn(scanned)).map(Signature::kind).toList();
    }

    /** The Luhn checksum, which every payment card number passes and most digit runs do not. */
    static boolean luhn(String match) {
        int sum = 0;
        int position = 0;
        for (int i = match.length() - 1; i >= 0; i--) {
            char c = match.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (position++ % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** Area 000, 666 and 900-999, group 00 and serial 0000 are never issued; {@code match} is ddd-dd-dddd. */
    static boolean issuableSsn(String match) {
        String area = match.substring(0, 3);
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9'
                && !match.startsWith("00", 4) && !match.startsWith("0000", 7);
    }

    private record Signature(String kind, Keywords keywords, Pattern pattern, Predicate<String> check) {
        static Signature of(String kind, Keywords keywords, String regex) {
            return new Signature(kind, keywords, Pattern.compile(regex, Pattern.MULTILINE), m -> true);
        }

        static Signature checked(String kind, Keywords keywords, String regex, Predicate<String> check) {
            return new Signature(kind, keywords, Pattern.compile(regex, Pattern.MULTILINE), check);
        }

        /** {@code original} with each match in {@code scanned} (the same text, as scanned: of the same length) replaced. */
        String replacedIn(String original, String scanned, String marker) {
            Matcher m = pattern.matcher(scanned);
            StringBuilder out = new StringBuilder();
            int kept = 0;
            while (m.find()) {
                if (check.test(m.group())) {
                    out.append(original, kept, m.start()).append(marker);
                    kept = m.end();
                }
            }
            return out.append(original, kept, original.length()).toString();
        }

        boolean foundIn(String text) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (check.test(m.group())) {
                    return true;
                }
            }
            return false;
        }
    }
}
