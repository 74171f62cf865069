package dev.mcpgw.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Ed25519 over {@code "mcpgw-receipt-sig-v1\n" + hash}: the hash already covers every other field
 * (key id included), so signing it signs the whole receipt.
 */
public final class ReceiptSignature {
    private static final String DOMAIN = "mcpgw-receipt-sig-v1\n";

    private ReceiptSignature() {
    }

    public static String sign(SigningKey key, String receiptHash) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key.privateKey());
            ed25519.update(message(receiptHash));
            return Base64.getEncoder().encodeToString(ed25519.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign receipt", e);
        }
    }

    public static boolean verify(PublicKey key, String receiptHash, String signatureBase64) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(message(receiptHash));
            return ed25519.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] message(String receiptHash) {
        return (DOMAIN + receiptHash).getBytes(StandardCharsets.US_ASCII);
    }
}
