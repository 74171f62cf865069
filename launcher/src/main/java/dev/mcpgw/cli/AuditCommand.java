package dev.mcpgw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.PublicKeys;
import dev.mcpgw.chain.ReceiptJson;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.sink.TopicVerifier;
import dev.mcpgw.sink.VerificationReport;
import dev.mcpgw.sink.archive.ArchiveVerifier.Signatures;
import dev.mcpgw.sink.archive.ArchiveVerifier;
import dev.mcpgw.sink.replay.ReceiptFilter;
import dev.mcpgw.sink.replay.ReceiptReplay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gateway audit}: read and check the receipt trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit the receipt trail.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify every receipt chain in the receipt topic, or in an archive the receipt sink wrote: hashes, "
                    + "Ed25519 signatures, links, segment manifests, and the signed checkpoints (so a cut-off tail shows). "
                    + "Exit 0 only if everything holds; else name the first break and where it is.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        KafkaOption kafka;

        @Option(names = "--topic", description = "Receipt topic to verify (default: gateway.receipt).")
        String topic = Topics.RECEIPT.name();

        @Option(names = "--checkpoint-topic", description = "Signed checkpoints the receipts must reach (default: gateway.checkpoint).")
        String checkpointTopic = Topics.CHECKPOINT.name();

        @Option(names = "--from-archive", paramLabel = "DIR",
                description = "Verify the receipt archive in DIR (offline, no Kafka) instead of the topic.")
        Path archive;

        @Option(names = "--public-key", paramLabel = "PEM",
                description = "Trust only these public keys (PEM files) instead of those published on gateway.receipt-keys "
                        + "(or, with --from-archive, those the archive holds).")
        List<Path> publicKeys = List.of();

        @Option(names = "--every-signature",
                description = "With --from-archive: check every receipt's own Ed25519 signature too. By default a chain's signed "
                        + "checkpoints answer, through the hash links, for every field of the receipts before them and only the "
                        + "receipts after each chain's latest checkpoint have their own signatures checked (about ten times faster); "
                        + "a receipt's signature replaced alone, its content intact, shows only with this option.")
        boolean everySignature;

        @Override
        public Integer call() throws IOException {
            VerificationReport report;
            String source;
            if (archive != null) {
                if (publicKeys.isEmpty()) {
                    System.out.println("trusting the public keys stored in the archive; pass --public-key to trust only your own");
                }
                if (!everySignature) {
                    System.out.println("checking the checkpoints' signatures and those of the receipts after them; "
                            + "pass --every-signature to check every receipt's own");
                }
                report = new ArchiveVerifier(publicKeys.isEmpty() ? ArchiveVerifier.keysIn(archive) : trusted(),
                        everySignature ? Signatures.EVERY_RECEIPT : Signatures.TAIL).verify(archive);
                source = archive.toString();
            } else {
                TopicVerifier verifier = publicKeys.isEmpty() ? new TopicVerifier(kafka.bootstrapServers) : new TopicVerifier(kafka.bootstrapServers, trusted());
                report = verifier.verify(topic, checkpointTopic);
                source = topic;
            }
            report.heads().values().forEach(head -> System.out.printf("chain %s: %d receipts, head %s%n",
                    head.chain(), head.nextSequence(), head.lastHash()));
            if (report.intact()) {
                System.out.printf("OK: %d receipts verified in %s%n", report.verified(), source);
                return 0;
            }
            System.out.printf("BROKEN after %d good receipts, at %s: %s%n", report.verified(), report.location(), report.firstBreak().get());
            return 1;
        }

        private KeyRing trusted() throws IOException {
            List<Ed25519PublicKeyParameters> keys = new ArrayList<>();
            for (Path file : publicKeys) {
                keys.add(PublicKeys.read(file));
            }
            return KeyRing.of(keys.toArray(Ed25519PublicKeyParameters[]::new));
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Print the receipts of the receipt topic that match the filters, oldest first.")
    static final class Replay implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Mixin
        KafkaOption kafka;

        @Option(names = "--topic", description = "Receipt topic to read (default: gateway.receipt).")
        String topic = Topics.RECEIPT.name();

        @Option(names = "--from", paramLabel = "TIME|OFFSET", description = "First receipt: an ISO-8601 event time or a topic offset (inclusive).")
        String from;

        @Option(names = "--to", paramLabel = "TIME|OFFSET", description = "End: an ISO-8601 event time or a topic offset (exclusive).")
        String to;

        @Option(names = "--agent", description = "Only this agent's receipts.")
        String agent;

        @Option(names = "--decision", description = "Only ALLOW, DENY or REVIEW (an outcome receipt repeats its call's ALLOW).")
        Effect decision;

        @Option(names = "--kind", description = "Only DECISION receipts, or only OUTCOME receipts (what allowed calls did).")
        ReceiptKind kind;

        @Option(names = "--format", defaultValue = "table", description = "table or json (one receipt per line, every field). Default: ${DEFAULT-VALUE}.")
        String format;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("table") && !format.equals("json")) {
                System.out.println("--format must be table or json");
                return 2;
            }
            var filter = new ReceiptFilter(ReceiptFilter.Bound.parse(from), ReceiptFilter.Bound.parse(to), agent, decision, kind);
            if (format.equals("table")) {
                System.out.printf("%-8s %-24s %-20s %-16s %-24s %-9s %s%n", "offset", "time", "chain/seq", "agent", "tool", "effect", "rules / outcome");
            }
            long matched = new ReceiptReplay(kafka.bootstrapServers).replay(topic, filter, (offset, receipt) -> print(offset, receipt));
            if (format.equals("table")) {
                System.out.printf("%d receipts%n", matched);
            }
            return 0;
        }

        private void print(long offset, Receipt receipt) {
            if (format.equals("json")) {
                try {
                    System.out.println(JSON.writeValueAsString(ReceiptJson.of(receipt, Set.of())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
            CallOutcome outcome = receipt.getOutcome();
            System.out.printf("%-8d %-24s %-20s %-16s %-24s %-9s %s%n", offset, Instant.ofEpochMilli(receipt.getTime()),
                    receipt.getChain() + "/" + receipt.getSequence(), receipt.getIntent().getAgent().getId(),
                    receipt.getIntent().getServer() + "/" + receipt.getIntent().getTool(),
                    outcome == null ? receipt.getEffect() : outcome.getStatus(),
                    outcome == null ? String.join(",", receipt.getMatchedRules())
                            : outcome.getDurationMs() + " ms, decided at " + outcome.getDecisionReceipt().getChain() + "/"
                                    + outcome.getDecisionReceipt().getSequence() + (outcome.getError() == null ? "" : ", " + outcome.getError()));
        }
    }
}
