package dev.mcpgw.chain;

import dev.mcpgw.schemas.ReceiptKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The decision stream's Ed25519 key (the JDK's own implementation), kept as two PEM files: the
 * private key (PKCS#8, readable by its owner only) and the public key (X.509), which is published
 * so that anyone can verify receipts offline. PEM is base64 between two marker lines; the JDK reads
 * and writes the DER inside, so the wrapping is done here.
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey) {
    private static final String PRIVATE = "PRIVATE KEY";

    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** The key in {@code privateKeyFile}, or a new one written there (and its public half beside it) on first use. */
    public static SigningKey loadOrCreate(Path privateKeyFile) throws IOException {
        if (Files.exists(privateKeyFile)) {
            return load(privateKeyFile);
        }
        SigningKey key = generate();
        Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
        Files.writeString(privateKeyFile, Pem.encode(PRIVATE, key.privateKey().getEncoded()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the directory's default permissions.
        }
        Files.writeString(publicKeyFile(privateKeyFile), Pem.encode(PublicKeys.PUBLIC, key.publicKey().getEncoded()), StandardCharsets.US_ASCII);
        return key;
    }

    private static SigningKey load(Path privateKeyFile) throws IOException {
        try {
            KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = ed25519.generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(PRIVATE, Files.readString(privateKeyFile))));
            PublicKey publicKey = PublicKeys.read(publicKeyFile(privateKeyFile));
            return new SigningKey(privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IOException(privateKeyFile + " is not an Ed25519 private key", e);
        }
    }

    /** Where the public half of {@code privateKeyFile} is written: same name, ".pub" added. */
    public static Path publicKeyFile(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }

    /** The public key's id: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
    public String keyId() {
        return PublicKeys.keyId(publicKey);
    }

    /** The public half as published on the key topic. */
    public ReceiptKey published(long publishedAt) {
        return new ReceiptKey(keyId(), "Ed25519", Base64.getEncoder().encodeToString(publicKey.getEncoded()), publishedAt);
    }
}
