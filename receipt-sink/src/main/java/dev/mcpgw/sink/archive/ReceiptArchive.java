package dev.mcpgw.sink.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.ReceiptJson;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.ReceiptKey;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * The writing side of a receipt archive (layout in {@link ArchiveLayout}). Receipts, checkpoints
 * and keys are appended in memory and made durable together by {@link #sync()}; the caller
 * acknowledges what it read (commits its offsets) only after that, and appends at most
 * {@link #MAX_BATCH} receipts between two syncs. A segment is closed as soon as it is full: synced,
 * its manifest written atomically, the next segment opened. Opening an archive recovers it:
 * unfinished lines are cut, a closed segment without a manifest gets one, and the chain heads and
 * the hashes of the last {@link #MAX_BATCH} receipts are read back, so a batch delivered again
 * after a crash (archived, not yet acknowledged) is recognised line for line. One writer at a
 * time: the archive is locked while open.
 */
public final class ReceiptArchive implements Closeable {
    /** The most receipts a writer appends between two syncs (the sink polls no more records at once). */
    public static final int MAX_BATCH = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final long receiptsPerSegment;
    private final Map<String, Long> checkpointCounts = new HashMap<>();
    private final Set<String> keyIds = new HashSet<>();
    private final JsonLinesFile checkpoints;
    private final JsonLinesFile keys;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Map<String, String> recoveredHashes = new HashMap<>();
    private SegmentSummary open;
    private JsonLinesFile segment;
    private long segmentNumber;

    private ReceiptArchive(Path dir, long receiptsPerSegment, FileChannel lockFile, FileLock lock) throws IOException {
        this.dir = dir;
        this.receiptsPerSegment = receiptsPerSegment;
        this.lockFile = lockFile;
        this.lock = lock;
        this.checkpoints = JsonLinesFile.open(dir.resolve(ArchiveLayout.CHECKPOINTS));
        JsonLinesFile.records(dir.resolve(ArchiveLayout.CHECKPOINTS), Checkpoint.class)
                .forEach(checkpoint -> checkpointCounts.merge(checkpoint.getChain(), checkpoint.getCount(), Math::max));
        this.keys = JsonLinesFile.open(dir.resolve(ArchiveLayout.KEYS));
        JsonLinesFile.records(dir.resolve(ArchiveLayout.KEYS), ReceiptKey.class).forEach(key -> keyIds.add(key.getKeyId()));
        recoverSegments();
    }

    /** Another process holding the lock makes tryLock return null; another writer in this JVM makes it throw. */
    private static FileLock lock(FileChannel lockFile, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockFile.close();
            throw new IOException(dir + " is in use by another writer (" + ArchiveLayout.LOCK + " is locked)");
        }
        return lock;
    }

    /** Opens (and recovers) the archive in {@code dir}, creating it if needed; segments close after {@code receiptsPerSegment} receipts. */
    public static ReceiptArchive open(Path dir, long receiptsPerSegment) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockFile = FileChannel.open(dir.resolve(ArchiveLayout.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lock(lockFile, dir);
        try {
            return new ReceiptArchive(dir, receiptsPerSegment, lockFile, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockFile.close();
            throw e;
        }
    }

    private void recoverSegments() throws IOException {
        List<Long> numbers = ArchiveLayout.segments(dir);
        Map<String, ChainHead> heads = new TreeMap<>();
        for (long number : numbers.subList(0, Math.max(0, numbers.size() - 1))) {
            Path manifest = ArchiveLayout.manifest(dir, number);
            if (Files.exists(manifest)) {
                heads = JSON.readValue(manifest.toFile(), SegmentManifest.class).heads();
            } else {
                SegmentSummary closed = summarize(number, heads);
                writeManifest(closed.manifest());
                heads = closed.heads();
            }
        }
        segmentNumber = numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1);
        segment = JsonLinesFile.open(ArchiveLayout.segment(dir, segmentNumber));
        open = summarize(segmentNumber, heads);
        recoverLastHashes(numbers);
        // A full segment, or one closed just before a crash (its successor not yet created), takes no more lines.
        if (open.receipts() >= receiptsPerSegment || Files.exists(ArchiveLayout.manifest(dir, segmentNumber))) {
            rotate();
        }
    }

    private SegmentSummary summarize(long number, Map<String, ChainHead> headsBefore) throws IOException {
        SegmentSummary summary = new SegmentSummary(number, headsBefore);
        readPlaces(number, summary::add);
        return summary;
    }

    /** The hashes of the newest segments' receipts, at least the last MAX_BATCH, for recognising a batch delivered again. */
    private void recoverLastHashes(List<Long> numbers) throws IOException {
        for (int i = numbers.size() - 1; i >= 0 && recoveredHashes.size() < MAX_BATCH; i--) {
            readPlaces(numbers.get(i), (chain, sequence, hash) -> recoveredHashes.put(chain + "/" + sequence, hash));
        }
    }

    /** Where each line of a segment sits: its chain, sequence and hash (nothing else is parsed out). */
    private interface PlaceReader {
        void read(String chain, long sequence, String hash);
    }

    private void readPlaces(long segmentNumber, PlaceReader reader) throws IOException {
        JsonLinesFile.readLines(ArchiveLayout.segment(dir, segmentNumber), line -> {
            JsonNode receipt = JsonLinesFile.tree(line);
            reader.read(receipt.path("chain").asText(), receipt.path("sequence").asLong(), receipt.path("hash").asText());
        });
    }

    /** The head of every chain in the archive, counting receipts appended but not yet synced. */
    public Map<String, ChainHead> heads() {
        return Map.copyOf(open.heads());
    }

    /** The head of {@code chain} (its genesis when the archive holds none of it). */
    public ChainHead head(String chain) {
        return open.heads().getOrDefault(chain, ChainHead.genesis(chain));
    }

    /**
     * The hash the archive held, when it was opened, for a receipt among its last ones: what a
     * receipt delivered again after a restart must match. Empty for any other receipt.
     */
    public Optional<String> recoveredHash(String chain, long sequence) {
        return Optional.ofNullable(recoveredHashes.get(chain + "/" + sequence));
    }

    /** Appends the receipt, every field its writer wrote (give it as written); closes the segment if that fills it. */
    public void append(GenericRecord receipt) throws IOException {
        segment.append(line(receipt));
        open.add(receipt.get("chain").toString(), (Long) receipt.get("sequence"), receipt.get("hash").toString());
        if (open.receipts() >= receiptsPerSegment) {
            rotate();
        }
    }

    /** The largest checkpoint count archived for {@code chain} (0 when none). */
    public long checkpointedCount(String chain) {
        return checkpointCounts.getOrDefault(chain, 0L);
    }

    public void append(Checkpoint checkpoint) {
        checkpoints.append(line(checkpoint));
        checkpointCounts.merge(checkpoint.getChain(), checkpoint.getCount(), Math::max);
    }

    public boolean holdsKey(String keyId) {
        return keyIds.contains(keyId);
    }

    public void append(ReceiptKey key) {
        keys.append(line(key));
        keyIds.add(key.getKeyId());
    }

    /** Makes everything appended durable. */
    public void sync() throws IOException {
        keys.sync();
        segment.sync();
        checkpoints.sync();
    }

    private void rotate() throws IOException {
        segment.sync();
        if (!Files.exists(ArchiveLayout.manifest(dir, segmentNumber))) {
            writeManifest(open.manifest());
        }
        segment.close();
        Map<String, ChainHead> heads = open.heads();
        segmentNumber++;
        segment = JsonLinesFile.open(ArchiveLayout.segment(dir, segmentNumber));
        syncDirectory();
        open = new SegmentSummary(segmentNumber, heads);
    }

    /** Written to a temporary file, synced, then renamed into place: a manifest is whole or absent. */
    private void writeManifest(SegmentManifest manifest) throws IOException {
        Path target = ArchiveLayout.manifest(dir, manifest.segment());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest)));
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /** A new or renamed file survives a crash only once its directory entry is on disk too. */
    private void syncDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        segment.close();
        checkpoints.close();
        keys.close();
        lock.release();
        lockFile.close();
    }

    private static String line(IndexedRecord record) {
        try {
            return JSON.writeValueAsString(ReceiptJson.of(record, Set.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
