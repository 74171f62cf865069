package dev.mcpgw.cli;

import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.PublicKeys;
import dev.mcpgw.schemas.Topics;
import dev.mcpgw.sink.TopicVerifier;
import dev.mcpgw.sink.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway audit}: read and check the receipt trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit the receipt trail.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify every receipt chain in the receipt topic: hashes, Ed25519 signatures, links, and the signed "
                    + "checkpoints (so a cut-off tail shows). Exit 0 only if everything holds; else name the first break.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:19092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
        String bootstrapServers;

        @Option(names = "--topic", description = "Receipt topic to verify (default: gateway.receipt).")
        String topic = Topics.RECEIPT.name();

        @Option(names = "--checkpoint-topic", description = "Signed checkpoints the receipts must reach (default: gateway.checkpoint).")
        String checkpointTopic = Topics.CHECKPOINT.name();

        @Option(names = "--public-key", paramLabel = "PEM",
                description = "Trust only these public keys (PEM files) instead of those published on gateway.receipt-keys.")
        List<Path> publicKeys = List.of();

        @Override
        public Integer call() throws IOException {
            TopicVerifier verifier = publicKeys.isEmpty() ? new TopicVerifier(bootstrapServers) : new TopicVerifier(bootstrapServers, trusted());
            VerificationReport report = verifier.verify(topic, checkpointTopic);
            report.heads().values().forEach(head -> System.out.printf("chain %s: %d receipts, head %s%n",
                    head.chain(), head.nextSequence(), head.lastHash()));
            if (report.intact()) {
                System.out.printf("OK: %d receipts verified in %s%n", report.verified(), topic);
                return 0;
            }
            System.out.printf("BROKEN after %d good receipts: %s%n", report.verified(), report.firstBreak().get());
            return 1;
        }

        private KeyRing trusted() throws IOException {
            List<PublicKey> keys = new ArrayList<>();
            for (Path file : publicKeys) {
                keys.add(PublicKeys.read(file));
            }
            return KeyRing.of(keys.toArray(PublicKey[]::new));
        }
    }
}
