package dev.mcpgw.policy.load;

import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.condition.Condition;
import dev.mcpgw.policy.constraint.ArgumentConstraint;
import dev.mcpgw.policy.constraint.HostAllowlist;
import dev.mcpgw.policy.constraint.MaxLength;
import dev.mcpgw.policy.constraint.NumberRange;
import dev.mcpgw.policy.constraint.OneOf;
import dev.mcpgw.policy.constraint.PathPrefix;
import dev.mcpgw.policy.constraint.TextPattern;
import dev.mcpgw.policy.constraint.ValueConstraint;
import dev.mcpgw.policy.match.AgentMatcher;
import dev.mcpgw.policy.match.LinearPattern;
import dev.mcpgw.policy.match.NameMatcher;
import dev.mcpgw.policy.match.RequestMatcher;
import dev.mcpgw.policy.model.Approval;
import dev.mcpgw.policy.model.Rule;
import dev.mcpgw.policy.ratelimit.RateLimit;
import dev.mcpgw.policy.scan.Detector;
import dev.mcpgw.policy.time.TimeWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates one rule of our own policy format into a {@link Rule}; every problem goes to {@link Problems}. */
final class RuleReader {
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY,
            "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);
    private static final Pattern HOURS = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");

    private final Problems problems;
    private final boolean onePartition;

    RuleReader(Problems problems, boolean onePartition) {
        this.problems = problems;
        this.onePartition = onePartition;
    }

    /** The rule, or null when it has problems (all of them added). */
    Rule read(PolicyFile.RuleFile f, String pointer, Effect effect) {
        int before = problemCount();
        AgentMatcher agents = matcher(pointer + "/agents", () -> AgentMatcher.of(f.agents()));
        NameMatcher servers = matcher(pointer + "/servers", () -> NameMatcher.of(f.servers()));
        RequestMatcher requests = requests(f, pointer);
        List<ArgumentConstraint> arguments = new ArrayList<>();
        if (f.arguments() != null) {
            f.arguments().forEach((path, spec) -> arguments.add(argument(path, spec, pointer + "/arguments/" + path)));
        }
        TimeWindow window = f.when() == null ? null : window(f.when(), pointer + "/when");
        Condition condition = f.condition() == null ? null : ConditionReader.read(f.condition(), pointer + "/condition", problems);
        List<Detector> scan = f.scan() == null ? List.of() : detectors(f.scan(), effect, pointer + "/scan");
        RateLimit rateLimit = f.rateLimit() == null ? null : rateLimit(f.rateLimit(), effect, pointer + "/rateLimit");
        Approval approval = f.approval() == null ? null : approval(f.approval(), effect, pointer + "/approval");
        return problemCount() > before ? null
                : new Rule(f.id(), f.description(), effect, agents, servers, requests, List.copyOf(arguments), window, condition, scan, rateLimit,
                        approval);
    }

    private Approval approval(PolicyFile.ApprovalFile f, Effect effect, String pointer) {
        if (effect != Effect.REVIEW) {
            problems.add(pointer, "approval belongs on a review rule");
        }
        List<String> approvers = f.approvers() == null ? List.of() : f.approvers();
        if (f.approvers() != null && approvers.isEmpty()) {
            problems.add(pointer + "/approvers", "an empty list names nobody; leave approvers out to let any approver answer");
        }
        int required = f.requiredApprovals() == null ? 1 : f.requiredApprovals();
        if (required < 1) {
            problems.add(pointer + "/requiredApprovals", "must be at least 1");
        }
        Duration expiresIn = null;
        if (f.expiresIn() != null) {
            try {
                expiresIn = RateLimit.parseWindow(f.expiresIn());
            } catch (IllegalArgumentException e) {
                problems.add(pointer + "/expiresIn", "expiresIn must look like 30s, 15m, 1h or 7d");
            }
        }
        boolean askClientUser = Boolean.TRUE.equals(f.askClientUser());
        if (askClientUser && !approvers.isEmpty()) {
            problems.warn(pointer + "/askClientUser", "has no effect: this rule names its approvers, and the calling client's user"
                    + " never stands in for a named approver");
        }
        return new Approval(List.copyOf(approvers), expiresIn, required, askClientUser);
    }

    /** The kinds of request and their targets; a bad glob is reported at its own list, a bad kind at requests. */
    private RequestMatcher requests(PolicyFile.RuleFile f, String pointer) {
        boolean globsHold = matcher(pointer + "/tools", () -> NameMatcher.of(f.tools())) != null
                & matcher(pointer + "/prompts", () -> NameMatcher.of(f.prompts())) != null
                & matcher(pointer + "/resources", () -> NameMatcher.of(f.resources())) != null;
        return globsHold ? matcher(pointer + "/requests", () -> RequestMatcher.of(f.requests(), f.tools(), f.prompts(), f.resources())) : null;
    }

    private RateLimit rateLimit(PolicyFile.RateLimitFile f, Effect effect, String pointer) {
        if (effect == Effect.DENY) {
            problems.add(pointer, "a rate limit on a deny rule limits nothing: put it on an allow or review rule");
            return null;
        }
        if (f.requests() == null) {
            problems.add(pointer, "requests is required");
            return null;
        }
        try {
            RateLimit.Scope scope = RateLimit.Scope.of(f.per() == null ? "agent" : f.per());
            if (scope.acrossAgents() && !onePartition) {
                problems.add(pointer + "/per", "rate limit per " + scope.wireName() + " " + PolicyLoader.CROSS_AGENT_REFUSAL);
                return null;
            }
            return new RateLimit(f.requests(), RateLimit.parseWindow(f.window()), scope);
        } catch (IllegalArgumentException e) {
            problems.add(pointer, e.getMessage());
            return null;
        }
    }

    /** Detectors only ever deny or send to review: a scan that allows would let anything through that it failed to see. */
    private List<Detector> detectors(List<String> names, Effect effect, String pointer) {
        if (names.isEmpty()) {
            problems.add(pointer, "name at least one detector (secrets, pii, prompt_injection, shell_injection, sql_injection)");
        }
        if (effect == Effect.ALLOW) {
            problems.add(pointer, "a scanning rule must deny or review, not allow");
        }
        List<Detector> detectors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            try {
                detectors.add(Detector.of(names.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(pointer + "/" + i, e.getMessage());
            }
        }
        return List.copyOf(detectors);
    }

    private <T> T matcher(String pointer, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            problems.add(pointer, e.getMessage());
            return null;
        }
    }

    private ArgumentConstraint argument(String path, PolicyFile.ArgumentFile spec, String pointer) {
        if (spec == null) {
            problems.add(pointer, "give at least one constraint (pathPrefix, hosts, regex, enum, maxLength, min, max)");
            return null;
        }
        List<ValueConstraint> tests = new ArrayList<>();
        if (spec.pathPrefix() != null) {
            add(tests, pointer + "/pathPrefix", () -> PathPrefix.of(nonEmpty(spec.pathPrefix())));
        }
        if (spec.hosts() != null) {
            add(tests, pointer + "/hosts", () -> HostAllowlist.of(nonEmpty(spec.hosts())));
        }
        if (spec.regex() != null) {
            add(tests, pointer + "/regex", () -> new TextPattern(LinearPattern.compile(spec.regex())));
        }
        if (spec.oneOf() != null) {
            add(tests, pointer + "/enum", () -> new OneOf(nonEmpty(spec.oneOf())));
        }
        if (spec.maxLength() != null) {
            add(tests, pointer + "/maxLength", () -> {
                if (spec.maxLength() < 0) {
                    throw new IllegalArgumentException("must not be negative");
                }
                return new MaxLength(spec.maxLength());
            });
        }
        if (spec.min() != null || spec.max() != null) {
            add(tests, pointer + (spec.min() != null ? "/min" : "/max"), () -> new NumberRange(spec.min(), spec.max()));
        }
        return new ArgumentConstraint(path, spec.required() == null || spec.required(), List.copyOf(tests));
    }

    private void add(List<ValueConstraint> tests, String pointer, java.util.function.Supplier<ValueConstraint> build) {
        try {
            tests.add(build.get());
        } catch (IllegalArgumentException e) {
            problems.add(pointer, e.getMessage());
        }
    }

    private static <T> List<T> nonEmpty(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("must not be an empty list");
        }
        return values;
    }

    private TimeWindow window(PolicyFile.WindowFile w, String pointer) {
        int before = problemCount();
        ZoneId zone = ZoneId.of("UTC");
        if (w.timezone() == null) {
            problems.add(pointer, "timezone is required, such as Europe/Paris or UTC");
        } else {
            try {
                zone = ZoneId.of(w.timezone());
            } catch (DateTimeException e) {
                problems.add(pointer + "/timezone", "unknown time zone '" + w.timezone() + "'");
            }
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (w.days() != null) {
            if (w.days().isEmpty()) {
                problems.add(pointer + "/days", "an empty list of days never matches; leave days out for every day");
            }
            for (int i = 0; i < w.days().size(); i++) {
                DayOfWeek day = DAYS.get(w.days().get(i).toLowerCase(Locale.ROOT));
                if (day == null) {
                    problems.add(pointer + "/days/" + i, "unknown day '" + w.days().get(i) + "' (mon, tue, wed, thu, fri, sat, sun)");
                } else {
                    days.add(day);
                }
            }
        }
        String hours = w.hours() == null ? "00:00-24:00" : w.hours();
        var m = HOURS.matcher(hours);
        if (!m.matches()) {
            problems.add(pointer + "/hours", "hours must look like 09:00-17:30");
            return null;
        }
        try {
            LocalTime start = LocalTime.parse(m.group(1));
            boolean untilMidnight = m.group(2).equals("24:00");
            LocalTime end = untilMidnight ? LocalTime.MIDNIGHT : LocalTime.parse(m.group(2));
            return problemCount() > before ? null : new TimeWindow(zone, days, start, end, untilMidnight);
        } catch (DateTimeParseException e) {
            problems.add(pointer + "/hours", "'" + hours + "' is not a time of day (00:00 to 24:00)");
        } catch (IllegalArgumentException e) {
            problems.add(pointer + "/hours", e.getMessage());
        }
        return null;
    }

    private int problemCount() {
        return problems.all().size();
    }
}
