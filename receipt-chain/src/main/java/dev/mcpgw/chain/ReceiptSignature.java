package dev.mcpgw.chain;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Ed25519 over {@code "mcpgw-receipt-sig-v1\n" + hash}: the hash already covers every other field
 * (key id included), so signing it signs the whole receipt.
 */
public final class ReceiptSignature {
    private static final String DOMAIN = "mcpgw-receipt-sig-v1\n";

    private ReceiptSignature() {
    }

    public static String sign(SigningKey key, String receiptHash) {
        return Ed25519.sign(key, message(receiptHash));
    }

    public static boolean verify(Ed25519PublicKeyParameters key, String receiptHash, String signatureBase64) {
        return Ed25519.verify(key, message(receiptHash), signatureBase64);
    }

    private static byte[] message(String receiptHash) {
        return (DOMAIN + receiptHash).getBytes(StandardCharsets.US_ASCII);
    }
}
