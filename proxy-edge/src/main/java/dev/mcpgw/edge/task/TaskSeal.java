package dev.mcpgw.edge.task;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals task records with HMAC-SHA256 under a key every edge instance holds (derived from the
 * request-state key), so that a record someone else wrote to gateway.tasks (another call's
 * arguments under an approved intent, a result the tool never gave) is ignored rather than run or served.
 * Instances' leases are sealed under a key of their own (derived apart), so that no sealed task
 * can pass for a lease nor a lease for a task.
 */
public final class TaskSeal {
    private static final String MAC = "HmacSHA256";
    private final SecretKeySpec key;
    private final SecretKeySpec leaseKey;

    public TaskSeal(byte[] requestStateKey) {
        SecretKeySpec root = new SecretKeySpec(requestStateKey.clone(), MAC);
        this.key = new SecretKeySpec(mac(root, "mcpgw gateway.tasks v1"), MAC);
        this.leaseKey = new SecretKeySpec(mac(root, "mcpgw gateway.tasks lease v1"), MAC);
    }

    public String seal(TaskRecord record) {
        return sealed(key, record.toJson());
    }

    public String seal(TaskLease lease) {
        return sealed(leaseKey, lease.toJson());
    }

    /** The record a sealed value holds; empty when it is not one this gateway sealed. */
    public Optional<TaskRecord> open(String sealed) {
        return opened(key, sealed, TaskRecord::fromJson);
    }

    /** The lease a sealed value holds; empty when it is not a lease this gateway sealed. */
    public Optional<TaskLease> openLease(String sealed) {
        return opened(leaseKey, sealed, TaskLease::fromJson);
    }

    private static String sealed(SecretKeySpec key, JsonObject content) {
        String body = content.encode();
        return new JsonObject().put("record", body).put("mac", Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, body))).encode();
    }

    private static <T> Optional<T> opened(SecretKeySpec key, String sealed, Function<JsonObject, T> read) {
        try {
            JsonObject value = new JsonObject(sealed);
            String body = value.getString("record");
            if (body == null || !MessageDigest.isEqual(mac(key, body), Base64.getUrlDecoder().decode(value.getString("mac", "")))) {
                return Optional.empty();
            }
            return Optional.of(read.apply(new JsonObject(body)));
        } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
