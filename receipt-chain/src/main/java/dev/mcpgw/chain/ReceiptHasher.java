package dev.mcpgw.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.schemas.Receipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The hash of a receipt. The bytes hashed are:
 * <pre>
 *   "mcpgw-receipt-v1\n"                        domain separator, ASCII, 17 bytes
 *   JCS(receipt without "hash" and "signature")  RFC 8785 canonical JSON of every other field, UTF-8
 * </pre>
 * and the hash is the lower-case hex SHA-256 of them. The JSON form is {@link ReceiptJson}: every
 * schema field, so the intent with all its arguments, rules, reasons, policy version, time, chain,
 * sequence, previous hash and signing key id are all covered; the signature is made over the hash.
 * Anyone holding a receipt as JSON can recompute it.
 */
public final class ReceiptHasher {
    public static final String GENESIS_HASH = "0".repeat(64);
    private static final byte[] DOMAIN = "mcpgw-receipt-v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    public String hash(Receipt receipt) {
        try {
            String json = JSON.writeValueAsString(ReceiptJson.of(receipt, Set.of("hash", "signature")));
            byte[] canonical = new JsonCanonicalizer(json).getEncodedUTF8();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(DOMAIN);
            return HexFormat.of().formatHex(sha256.digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash receipt", e);
        }
    }
}
