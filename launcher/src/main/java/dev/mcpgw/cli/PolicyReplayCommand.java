package dev.mcpgw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgw.launcher.replay.ChangedDecision;
import dev.mcpgw.launcher.replay.PolicyReplay;
import dev.mcpgw.launcher.replay.RecordedDecision;
import dev.mcpgw.launcher.replay.ReplayRange;
import dev.mcpgw.launcher.replay.ReplayReport;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.sink.replay.ReceiptFilter.Bound;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway policy replay}: what a candidate policy would have decided about the intents on record, before it is activated. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Decide the intents recorded on gateway.propose again under CANDIDATE (rate limits counted from the same history, "
                + "as the decision stream counts them) and print every decision that would change, with counts per rule. "
                + "Exit 0 when none would, 1 when some would, 2 when the replay cannot run.")
final class PolicyReplayCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofHours(1);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOption kafka;

    @Parameters(paramLabel = "CANDIDATE", description = "The candidate policy.")
    Path candidate;

    @Option(names = "--from", paramLabel = "TIME|OFFSET", description = "First intent reported: an ISO-8601 event time, or an offset in each propose partition (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "TIME|OFFSET", description = "End of the intents reported (exclusive), like --from.")
    String to;

    @Option(names = "--agent", description = "Only this agent's intents are reported (every agent's still count towards the rate limits).")
    String agent;

    @Option(names = "--format", defaultValue = "table", description = "table, or json (JSON Lines: one changed decision a line, then a summary). Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!format.equals("table") && !format.equals("json")) {
            out.println("--format must be table or json");
            return 2;
        }
        Optional<ReplayRange> range = range(out);
        if (range.isEmpty()) {
            return 2;
        }
        Optional<Integer> partitions = GatewayKafka.decisionPartitions(kafka.bootstrapServers, out);
        if (partitions.isEmpty()) {
            return 2;
        }
        Optional<PolicyLoader.Linted> policy = PolicyFiles.lint(candidate, partitions.get() == 1, out);
        if (policy.isEmpty()) {
            return 2;
        }
        ReplayReport report = new PolicyReplay(kafka.bootstrapServers, READ_TIMEOUT).replay(policy.get().policy(), range.get());
        if (format.equals("json")) {
            printJson(out, report);
        } else {
            printTable(out, report);
        }
        return report.changes().isEmpty() ? 0 : 1;
    }

    private Optional<ReplayRange> range(PrintWriter out) {
        try {
            return Optional.of(new ReplayRange(Bound.parse(from), Bound.parse(to), agent));
        } catch (DateTimeParseException | NumberFormatException e) {
            out.println("--from and --to take an ISO-8601 time such as 2026-11-23T10:00:00Z, or an offset (digits)");
            return Optional.empty();
        }
    }

    private static void printTable(PrintWriter out, ReplayReport report) {
        if (!report.changes().isEmpty()) {
            out.printf("%-12s %-24s %-16s %-28s %-36s %s%n", "partition/off", "time", "agent", "server/target", "recorded", "candidate");
        }
        for (ChangedDecision change : report.changes()) {
            Intent intent = change.intent();
            out.printf("%-12s %-24s %-16s %-28s %-36s %s%n", change.partition() + "/" + change.offset(),
                    Instant.ofEpochMilli(intent.getEventTime()), intent.getAgent().getId(), intent.getServer() + "/" + intent.getTool(),
                    describe(change.recorded()), describe(change.candidate()));
        }
        out.printf("%d intents replayed, %d decisions would change%s%n", report.replayed(), report.changes().size(),
                report.unrecorded() == 0 ? "" : " (" + report.unrecorded() + " intents had no decision on record to compare)");
        report.changesPerRule().forEach((rule, count) -> out.printf("  %-32s %d changed%n", rule, count));
    }

    private static String describe(RecordedDecision decision) {
        return decision.effect() + " " + decision.rules();
    }

    private static void printJson(PrintWriter out, ReplayReport report) {
        for (ChangedDecision change : report.changes()) {
            ObjectNode line = JSON.createObjectNode();
            Intent intent = change.intent();
            line.put("partition", change.partition()).put("offset", change.offset()).put("intentId", intent.getIntentId())
                    .put("time", Instant.ofEpochMilli(intent.getEventTime()).toString()).put("agent", intent.getAgent().getId())
                    .put("server", intent.getServer()).put("target", intent.getTool());
            line.set("recorded", decision(change.recorded()));
            ObjectNode candidate = decision(change.candidate());
            change.candidateReasons().forEach(candidate.putArray("reasons")::add);
            line.set("candidate", candidate);
            out.println(line);
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("replayed", report.replayed()).put("changed", report.changes().size()).put("unrecorded", report.unrecorded());
        ObjectNode perRule = summary.putObject("changesPerRule");
        report.changesPerRule().forEach(perRule::put);
        out.println(JSON.createObjectNode().set("summary", summary));
    }

    private static ObjectNode decision(RecordedDecision decision) {
        ObjectNode node = JSON.createObjectNode().put("effect", decision.effect());
        decision.rules().forEach(node.putArray("rules")::add);
        return node;
    }
}
