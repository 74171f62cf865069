package dev.mcpgw.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Reading Ed25519 public keys from their published forms (PEM file, base64 of the X.509
 * SubjectPublicKeyInfo), writing that encoding, and naming keys by it.
 */
public final class PublicKeys {
    static final String PUBLIC = "PUBLIC KEY";

    private PublicKeys() {
    }

    public static Ed25519PublicKeyParameters read(Path pemFile) throws IOException {
        try {
            return fromX509(Pem.decode(PUBLIC, Files.readString(pemFile, StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            throw new IOException(pemFile + " is not an Ed25519 public key", e);
        }
    }

    /** @throws IllegalArgumentException when {@code base64} is not the X.509 encoding of an Ed25519 public key */
    public static Ed25519PublicKeyParameters fromBase64(String base64) {
        return fromX509(Base64.getDecoder().decode(base64));
    }

    private static Ed25519PublicKeyParameters fromX509(byte[] der) {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an X.509 public key", e);
        }
        if (!(key instanceof Ed25519PublicKeyParameters ed25519)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return ed25519;
    }

    /** The X.509 SubjectPublicKeyInfo, DER: what is published and what the key id is taken from. */
    static byte[] x509(Ed25519PublicKeyParameters key) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an Ed25519 public key", e);
        }
    }

    public static String keyId(Ed25519PublicKeyParameters key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x509(key))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
