package dev.mcpgw.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing moved from the JDK's Ed25519 to BouncyCastle's: key files the JDK wrote must still load,
 * the published key and its id must not change, and each side must accept the other's signatures.
 */
class Ed25519InteropTest {
    private static final String HASH = "9de7".repeat(16);
    private static final byte[] RECEIPT_MESSAGE = ("mcpgw-receipt-sig-v1\n" + HASH).getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldLoadKeyFilesTheJdkWroteAndPublishTheSameKeyUnderTheSameId(@TempDir Path dir) throws Exception {
        KeyPair jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateKeyFile = writtenByTheJdk(jdk, dir);

        SigningKey loaded = SigningKey.loadOrCreate(privateKeyFile);

        byte[] jdkX509 = jdk.getPublic().getEncoded();
        assertThat(loaded.published(0L).getPublicKey()).isEqualTo(Base64.getEncoder().encodeToString(jdkX509));
        assertThat(loaded.keyId()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jdkX509)).substring(0, 16));
        assertThat(PublicKeys.keyId(PublicKeys.read(SigningKey.publicKeyFile(privateKeyFile)))).isEqualTo(loaded.keyId());
    }

    @Test
    void shouldVerifySignaturesTheJdkMade(@TempDir Path dir) throws Exception {
        KeyPair jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SigningKey loaded = SigningKey.loadOrCreate(writtenByTheJdk(jdk, dir));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(jdk.getPrivate());
        signer.update(RECEIPT_MESSAGE);
        String jdkSignature = Base64.getEncoder().encodeToString(signer.sign());

        assertThat(ReceiptSignature.verify(loaded.publicKey(), HASH, jdkSignature)).isTrue();
        assertThat(ReceiptSignature.verify(loaded.publicKey(), "0" + HASH.substring(1), jdkSignature)).isFalse();
        // Ed25519 is deterministic: the same key signs the same message the same way, whoever computes it.
        assertThat(ReceiptSignature.sign(loaded, HASH)).isEqualTo(jdkSignature);
    }

    @Test
    void shouldMakeSignaturesAndKeyFilesTheJdkAccepts(@TempDir Path dir) throws Exception {
        Path privateKeyFile = dir.resolve("receipt-signing.key");
        SigningKey key = SigningKey.loadOrCreate(privateKeyFile);

        KeyFactory jdk = KeyFactory.getInstance("Ed25519");
        byte[] pkcs8 = Pem.decode("PRIVATE KEY", Files.readString(privateKeyFile));
        byte[] x509 = Pem.decode("PUBLIC KEY", Files.readString(SigningKey.publicKeyFile(privateKeyFile)));
        assertThat(jdk.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)).getEncoded()).as("the JDK's own encoding").isEqualTo(pkcs8);
        PublicKey publicKey = jdk.generatePublic(new X509EncodedKeySpec(x509));
        assertThat(publicKey.getEncoded()).isEqualTo(x509);

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(RECEIPT_MESSAGE);
        assertThat(verifier.verify(Base64.getDecoder().decode(ReceiptSignature.sign(key, HASH)))).isTrue();
    }

    @Test
    void shouldRejectASignatureThatIsNotBase64OrHasTheWrongLength() {
        SigningKey key = SigningKey.generate();

        assertThat(ReceiptSignature.verify(key.publicKey(), HASH, "not base64!")).isFalse();
        assertThat(ReceiptSignature.verify(key.publicKey(), HASH, Base64.getEncoder().encodeToString(new byte[63]))).isFalse();
    }

    private static Path writtenByTheJdk(KeyPair pair, Path dir) throws Exception {
        Path privateKeyFile = dir.resolve("receipt-signing.key");
        Files.writeString(privateKeyFile, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(SigningKey.publicKeyFile(privateKeyFile), Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
        return privateKeyFile;
    }
}
