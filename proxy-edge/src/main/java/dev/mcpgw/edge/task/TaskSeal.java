package dev.mcpgw.edge.task;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals task records with HMAC-SHA256 under a key every edge instance holds (derived from the
 * request-state key), so that a record someone else wrote to gateway.tasks (another call's
 * arguments under an approved intent, a result the tool never gave) is ignored rather than run or served.
 */
public final class TaskSeal {
    private static final String MAC = "HmacSHA256";
    private final SecretKeySpec key;

    public TaskSeal(byte[] requestStateKey) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(requestStateKey.clone(), MAC), "mcpgw gateway.tasks v1"), MAC);
    }

    public String seal(TaskRecord record) {
        String body = record.toJson().encode();
        return new JsonObject().put("record", body).put("mac", Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, body))).encode();
    }

    /** The record a sealed value holds; empty when it is not one this gateway sealed. */
    public Optional<TaskRecord> open(String sealed) {
        try {
            JsonObject value = new JsonObject(sealed);
            String body = value.getString("record");
            if (body == null || !MessageDigest.isEqual(mac(key, body), Base64.getUrlDecoder().decode(value.getString("mac", "")))) {
                return Optional.empty();
            }
            return Optional.of(TaskRecord.fromJson(new JsonObject(body)));
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
