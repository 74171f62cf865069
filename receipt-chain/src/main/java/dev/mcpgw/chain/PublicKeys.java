package dev.mcpgw.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** Reading Ed25519 public keys from their published forms (PEM file, base64 of the X.509 encoding), and naming them. */
public final class PublicKeys {
    static final String PUBLIC = "PUBLIC KEY";

    private PublicKeys() {
    }

    public static PublicKey read(Path pemFile) throws IOException {
        try {
            return fromDer(Pem.decode(PUBLIC, Files.readString(pemFile, StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(pemFile + " is not an Ed25519 public key", e);
        }
    }

    public static PublicKey fromBase64(String base64) throws GeneralSecurityException {
        return fromDer(Base64.getDecoder().decode(base64));
    }

    private static PublicKey fromDer(byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
