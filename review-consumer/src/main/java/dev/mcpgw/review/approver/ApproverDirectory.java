package dev.mcpgw.review.approver;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The approvers of the config and their credentials, checked with bcrypt (BouncyCastle's
 * OpenBSDBCrypt). A plain password from the config is hashed once at start, so every sign-in costs
 * one bcrypt check, and an unknown id costs the same as a wrong password.
 */
public final class ApproverDirectory {
    /** Cost of hashing a configured plain password: about as slow as the hashes people generate. */
    static final int COST = 10;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** bcrypt reads at most 72 bytes; a longer password would be cut short silently, so it is refused. */
    private static final int MAX_PASSWORD_BYTES = 72;
    private static final int MIN_PASSWORD_LENGTH = 8;

    private final Map<String, Entry> byId = new HashMap<>();
    private final String decoy = hash("no approver has this password");

    private record Entry(Approver approver, String hash) {
    }

    /** Throws IllegalArgumentException naming the approver and what is wrong with its entry. */
    public ApproverDirectory(List<ApproverCredential> credentials) {
        for (ApproverCredential credential : credentials) {
            String id = credential.id();
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("review.approvers: an approver id must be 1 to 64 letters, digits or . _ @ - (got "
                        + (id == null ? "none" : "'" + id + "'") + ")");
            }
            String hash = hashOf(credential);
            Approver approver = new Approver(id, credential.groups(), credential.roles());
            if (byId.put(id, new Entry(approver, hash)) != null) {
                throw new IllegalArgumentException("review.approvers: approver " + id + " is listed twice");
            }
        }
    }

    private static String hashOf(ApproverCredential credential) {
        String where = "review.approvers: approver " + credential.id();
        boolean hasPassword = credential.password() != null && !credential.password().isEmpty();
        boolean hasHash = credential.passwordHash() != null && !credential.passwordHash().isEmpty();
        if (hasPassword == hasHash) {
            throw new IllegalArgumentException(where + " needs exactly one of password or passwordHash");
        }
        if (hasHash) {
            if (!BCRYPT.matcher(credential.passwordHash()).matches()) {
                throw new IllegalArgumentException(where + ": passwordHash must be a bcrypt hash ($2a$, $2b$ or $2y$, "
                        + "e.g. from ./gateway review hash-password)");
            }
            return credential.passwordHash();
        }
        if (credential.password().length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(where + ": password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (credential.password().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException(where + ": password is longer than bcrypt's " + MAX_PASSWORD_BYTES + " bytes");
        }
        return hash(credential.password());
    }

    /** A bcrypt hash of {@code password} for a config's passwordHash. */
    public static String hash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, COST);
    }

    /** The approver whose id and password these are; empty for any other pair, in about the same time. */
    public Optional<Approver> authenticate(String id, String password) {
        if (id == null || password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.empty();
        }
        Entry entry = byId.get(id);
        boolean matches = OpenBSDBCrypt.checkPassword(entry == null ? decoy : entry.hash(), password.toCharArray());
        return entry != null && matches ? Optional.of(entry.approver()) : Optional.empty();
    }

    public boolean knows(String id) {
        return id != null && byId.containsKey(id);
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    public List<String> ids() {
        return byId.keySet().stream().sorted().toList();
    }
}
