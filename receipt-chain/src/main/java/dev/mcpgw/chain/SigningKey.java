package dev.mcpgw.chain;

import dev.mcpgw.schemas.ReceiptKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * The decision stream's Ed25519 key, kept as two PEM files: the private key (PKCS#8, readable by
 * its owner only) and the public key (X.509), which is published so that anyone can verify
 * receipts offline. The files are the ones the JDK's Ed25519 writes and reads, so keys made by
 * earlier versions keep working and other tools (openssl, the JDK) read these.
 */
public final class SigningKey {
    private static final String PRIVATE = "PRIVATE KEY";
    private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112")); // id-Ed25519, RFC 8410

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;
    private final String keyId;

    private SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
        this.keyId = PublicKeys.keyId(publicKey);
    }

    public static SigningKey generate() {
        return new SigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** The key in {@code privateKeyFile}, or a new one written there (and its public half beside it) on first use. */
    public static SigningKey loadOrCreate(Path privateKeyFile) throws IOException {
        if (Files.exists(privateKeyFile)) {
            return load(privateKeyFile);
        }
        SigningKey key = generate();
        Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
        Files.writeString(privateKeyFile, Pem.encode(PRIVATE, key.pkcs8()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the directory's default permissions.
        }
        Files.writeString(publicKeyFile(privateKeyFile), Pem.encode(PublicKeys.PUBLIC, PublicKeys.x509(key.publicKey)), StandardCharsets.US_ASCII);
        return key;
    }

    /** The public half is derived from the private key, so a missing or edited .pub file cannot make receipts unverifiable. */
    private static SigningKey load(Path privateKeyFile) throws IOException {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(Pem.decode(PRIVATE, Files.readString(privateKeyFile, StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException(privateKeyFile + " is not a PKCS#8 private key", e);
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new IOException(privateKeyFile + " is not an Ed25519 private key");
        }
        return new SigningKey(ed25519);
    }

    /**
     * PKCS#8 as RFC 5208 has it, byte for byte what the JDK writes; BouncyCastle's own encoder would
     * add the public key (RFC 5958), which older readers may refuse.
     */
    private byte[] pkcs8() throws IOException {
        return new PrivateKeyInfo(ED25519, new DEROctetString(privateKey.getEncoded())).getEncoded(ASN1Encoding.DER);
    }

    /** Where the public half of {@code privateKeyFile} is written: same name, ".pub" added. */
    public static Path publicKeyFile(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }

    Ed25519PrivateKeyParameters privateKey() {
        return privateKey;
    }

    public Ed25519PublicKeyParameters publicKey() {
        return publicKey;
    }

    /** The public key's id: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
    public String keyId() {
        return keyId;
    }

    /** The public half as published on the key topic. */
    public ReceiptKey published(long publishedAt) {
        return new ReceiptKey(keyId, "Ed25519", Base64.getEncoder().encodeToString(PublicKeys.x509(publicKey)), publishedAt);
    }
}
