package dev.mcpgw.chain;

import dev.mcpgw.schemas.ReceiptKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The public keys receipts may be signed with, by key id. A ring built with a source (the key
 * topic) reads it again when it meets a key id it does not know, since a new decision stream
 * instance publishes its key just before it signs with it.
 */
public final class KeyRing {
    private final Map<String, Ed25519PublicKeyParameters> keys = new ConcurrentHashMap<>();
    private final Supplier<Collection<ReceiptKey>> source;

    private KeyRing(Supplier<Collection<ReceiptKey>> source) {
        this.source = source;
    }

    public static KeyRing of(Ed25519PublicKeyParameters... keys) {
        KeyRing ring = new KeyRing(List::of);
        for (Ed25519PublicKeyParameters key : keys) {
            ring.keys.put(PublicKeys.keyId(key), key);
        }
        return ring;
    }

    /** Keys read from {@code source} now, and again whenever an unknown key id comes up. */
    public static KeyRing readingFrom(Supplier<Collection<ReceiptKey>> source) {
        KeyRing ring = new KeyRing(source);
        ring.reload();
        return ring;
    }

    public Optional<Ed25519PublicKeyParameters> find(String keyId) {
        if (!keys.containsKey(keyId)) {
            reload();
        }
        return Optional.ofNullable(keys.get(keyId));
    }

    /** A published key whose id does not match its bytes, or that does not decode, is not trusted. */
    private void reload() {
        for (ReceiptKey published : source.get()) {
            try {
                Ed25519PublicKeyParameters key = PublicKeys.fromBase64(published.getPublicKey());
                if (PublicKeys.keyId(key).equals(published.getKeyId())) {
                    keys.put(published.getKeyId(), key);
                }
            } catch (IllegalArgumentException e) {
                // Skipped: a receipt naming this key id will then be reported as signed by an unknown key.
            }
        }
    }
}
