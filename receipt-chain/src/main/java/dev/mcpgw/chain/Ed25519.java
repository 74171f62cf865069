package dev.mcpgw.chain;

import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signing and checking bytes with BouncyCastle's Ed25519 (RFC 8032, the same signatures as the
 * JDK's, made about ten times faster), signatures in base64: shared by receipts and checkpoints.
 * A signer here only buffers one message and is not thread-safe, so each call takes a new one; the
 * costly part, the decoded key, lives in the key parameters, which are immutable and kept.
 */
final class Ed25519 {
    private Ed25519() {
    }

    static String sign(SigningKey key, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key.privateKey());
        signer.update(message, 0, message.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    /** False for a wrong signature and for one that is not even base64. */
    static boolean verify(Ed25519PublicKeyParameters key, byte[] message, String signatureBase64) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
