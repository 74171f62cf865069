package dev.mcpgw.sink;

import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.CheckpointSignature;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.SignatureCover;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKey;
import dev.mcpgw.sink.archive.ReceiptArchive;
import java.io.IOException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The sink's work on each record it reads, without the consumer: a receipt is verified against
 * its chain, continuing from the archive's heads, and archived; a checkpoint is checked and
 * archived once the archive's chain has reached it (before that it would promise receipts the
 * archive does not hold yet). Tracks how far each topic may be acknowledged: up to the last
 * record archived or passed over, never past a checkpoint still waiting, never past a break. After
 * the first break nothing more is archived: the archive holds verified receipts only.
 */
final class ArchivingVerifier {
    /** Told once, about the first break: the offset of the record and the break. */
    interface BreakListener {
        void broken(long offset, ChainBreak chainBreak);
    }

    /** Told about each receipt once it is appended to the archive (the SIEM feed follows the archive). */
    interface ArchiveListener {
        void archived(Receipt receipt) throws IOException;
    }

    private final ReceiptArchive archive;
    private final ChainVerifier verifier;
    private final KeyRing keys;
    private final Function<String, Optional<ReceiptKey>> publishedKey;
    private final BreakListener listener;
    private final ArchiveListener archived;
    /** Checkpoints read but not yet reached by the archive, by offset. */
    private final TreeMap<Long, Checkpoint> waiting = new TreeMap<>();
    private ChainBreak firstBreak;
    private long receiptPosition = -1;
    private long checkpointPosition = -1;
    private long archivedCount;

    /** Leaves the signatures of the receipts {@code cover} vouches for to it (see {@link dev.mcpgw.chain.LocalSeals}). */
    ArchivingVerifier(ReceiptArchive archive, KeyRing keys, SignatureCover cover, Function<String, Optional<ReceiptKey>> publishedKey,
                      BreakListener listener, ArchiveListener archived) {
        this.archive = archive;
        this.archived = archived;
        this.keys = keys;
        this.publishedKey = publishedKey;
        this.listener = listener;
        this.verifier = new ChainVerifier(new ReceiptHasher(), keys, archive.heads(), cover);
    }

    /**
     * A receipt, as its writer wrote it ({@code written}: what is verified and archived, every field
     * the writer wrote) and as this build reads it ({@code read}: what the OCSF feed maps).
     */
    void receipt(long offset, GenericRecord written, Receipt read) throws IOException {
        if (firstBreak != null) {
            return;
        }
        if (archive.recoveredHash(read.getChain(), read.getSequence()).filter(read.getHash()::equals).isPresent()) {
            receiptPosition = offset + 1; // archived before a restart, acknowledged too late: not archived twice
            return;
        }
        Optional<ChainBreak> broken = verifier.accept(written);
        if (broken.isPresent()) {
            breakAt(offset, broken.get());
            return;
        }
        if (!archive.holdsKey(read.getKeyId())) {
            Optional<ReceiptKey> key = publishedKey.apply(read.getKeyId());
            if (key.isPresent()) {
                archive.append(key.get());
            }
        }
        archive.append(written);
        archived.archived(read);
        archivedCount++;
        receiptPosition = offset + 1;
        archiveCheckpointsReached();
    }

    void checkpoint(long offset, Checkpoint checkpoint) {
        if (firstBreak != null) {
            return;
        }
        if (checkpoint.getCount() > archive.checkpointedCount(checkpoint.getChain())) {
            Optional<Ed25519PublicKeyParameters> key = keys.find(checkpoint.getKeyId());
            if (key.isEmpty() || !CheckpointSignature.verify(key.get(), checkpoint)) {
                breakAt(offset, new ChainBreak(checkpoint.getChain(), checkpoint.getCount() - 1, "checkpoint signature",
                        "a valid Ed25519 signature by a published key", "key " + checkpoint.getKeyId()));
                return;
            }
            waiting.put(offset, checkpoint);
        }
        checkpointPosition = Math.max(checkpointPosition, offset + 1);
        archiveCheckpointsReached();
    }

    /** A record on the receipt topic that is no receipt: the trail is broken there. */
    void unreadableReceipt(long offset, String what) {
        if (firstBreak == null) {
            breakAt(offset, new ChainBreak("unknown", -1, "readable receipt", "a receipt record", what));
        }
    }

    /** A record on the checkpoint topic that is no checkpoint: passed over. */
    void passOverCheckpoint(long offset) {
        if (firstBreak == null) {
            checkpointPosition = Math.max(checkpointPosition, offset + 1);
        }
    }

    private void archiveCheckpointsReached() {
        while (!waiting.isEmpty() && firstBreak == null) {
            var next = waiting.firstEntry();
            Checkpoint checkpoint = next.getValue();
            ChainHead head = archive.head(checkpoint.getChain());
            if (head.nextSequence() < checkpoint.getCount()) {
                return;
            }
            if (head.nextSequence() == checkpoint.getCount() && !head.lastHash().equals(checkpoint.getHeadHash())) {
                breakAt(next.getKey(), new ChainBreak(checkpoint.getChain(), checkpoint.getCount() - 1, "checkpoint head",
                        checkpoint.getHeadHash(), head.lastHash()));
                return;
            }
            if (checkpoint.getCount() > archive.checkpointedCount(checkpoint.getChain())) {
                archive.append(checkpoint);
            }
            waiting.remove(next.getKey());
        }
    }

    private void breakAt(long offset, ChainBreak chainBreak) {
        firstBreak = chainBreak;
        listener.broken(offset, chainBreak);
    }

    /** The offset of gateway.receipt to resume from once the archive is synced; -1 when nothing was read. */
    long receiptPosition() {
        return receiptPosition;
    }

    /** The same for the checkpoint topic: the earliest checkpoint still waiting, or past the last one read. */
    long checkpointPosition() {
        return waiting.isEmpty() ? checkpointPosition : waiting.firstKey();
    }

    long verifiedCount() {
        return verifier.verifiedCount();
    }

    long archivedCount() {
        return archivedCount;
    }

    Optional<ChainBreak> firstBreak() {
        return Optional.ofNullable(firstBreak);
    }
}
