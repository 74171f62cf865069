package dev.mcpgw.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.apache.avro.generic.IndexedRecord;

/**
 * The hash of a receipt. The bytes hashed are:
 * <pre>
 *   "mcpgw-receipt-v1\n"                        domain separator, ASCII, 17 bytes
 *   JCS(receipt without "hash" and "signature")  RFC 8785 canonical JSON of every other field, UTF-8
 * </pre>
 * and the hash is the lower-case hex SHA-256 of them. The JSON form is {@link ReceiptJson}: every
 * schema field, so the intent with all its arguments, rules, reasons, policy version, time, chain,
 * sequence, previous hash and signing key id are all covered; the signature is made over the hash.
 * A field added later with {@code omitWhenNull} (a receipt's review trail) is covered when set and
 * left out while null, so receipts made before it existed keep their hash (see OptionalFields).
 * Anyone holding a receipt as JSON can recompute it. The canonical bytes are written straight from
 * the record ({@link CanonicalJson}) into a buffer and a digest that each hasher keeps: one hasher
 * per thread.
 */
public final class ReceiptHasher {
    public static final String GENESIS_HASH = "0".repeat(64);
    private static final byte[] DOMAIN = "mcpgw-receipt-v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> SEAL = Set.of("hash", "signature");
    private static final HexFormat HEX = HexFormat.of();
    private final CanonicalJson canonical = new CanonicalJson();
    private final MessageDigest sha256;

    public ReceiptHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /**
     * The hash of {@code receipt} over the fields of the schema it carries: pass it as its writer
     * wrote it (a generic record of the writer's schema) to cover exactly what the writer wrote,
     * whatever schema the reader has; a generated {@code Receipt} of this build's schema hashes the same.
     */
    public String hash(IndexedRecord receipt) {
        canonical.write(receipt, SEAL);
        sha256.update(DOMAIN);
        canonical.updateDigest(sha256);
        return HEX.formatHex(sha256.digest());
    }
}
