package dev.mcpgw.sink.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a receipt archive directory:
 * <pre>
 *   receipts-00000001.jsonl            one receipt per line, JSON (see ReceiptJson), in topic order
 *   receipts-00000001.manifest.json    written when the segment is closed: its receipt count, first and
 *                                      last receipt (chain, sequence, hash) and every chain's head after it
 *   receipts-00000002.jsonl            the open segment (no manifest yet)
 *   checkpoints.jsonl                  the signed checkpoints the archived chains have reached
 *   receipt-keys.jsonl                 the public keys the archived receipts name
 *   .lock                              locked by the writer while it is open
 * </pre>
 */
public final class ArchiveLayout {
    public static final String CHECKPOINTS = "checkpoints.jsonl";
    public static final String KEYS = "receipt-keys.jsonl";
    /** Held (an OS file lock) by the one writer the archive may have. */
    public static final String LOCK = ".lock";
    private static final Pattern SEGMENT = Pattern.compile("receipts-(\\d{8})\\.jsonl");

    private ArchiveLayout() {
    }

    public static Path segment(Path dir, long number) {
        return dir.resolve(String.format("receipts-%08d.jsonl", number));
    }

    public static Path manifest(Path dir, long number) {
        return dir.resolve(String.format("receipts-%08d.manifest.json", number));
    }

    /** The numbers of the segment files present, in order. */
    public static List<Long> segments(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> SEGMENT.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .sorted()
                    .toList();
        }
    }
}
