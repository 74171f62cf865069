package dev.mcpgw.edge.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TaskSealTest {
    private static final byte[] KEY = filled(7);
    private static final TaskRecord TASK = new TaskRecord("t1", "alice", "intent-1", "demo__echo", 1, TaskStatus.WORKING, "waiting",
            1000, 1000, 3_600_000, "aW50ZW50", null, null, null, null);
    private static final TaskLease LEASE = new TaskLease(2, "edge-2", 5000);

    @Test
    void shouldOpenWhatItSealed() {
        TaskSeal seal = new TaskSeal(KEY);

        assertThat(seal.open(seal.seal(TASK))).contains(TASK);
    }

    @Test
    void shouldRefuseARecordChangedAfterSealing() {
        TaskSeal seal = new TaskSeal(KEY);
        JsonObject sealed = new JsonObject(seal.seal(TASK));
        sealed.put("record", sealed.getString("record").replace("alice", "mallory"));

        assertThat(seal.open(sealed.encode())).isEmpty();
    }

    @Test
    void shouldRefuseARecordSealedUnderAnotherKey() {
        assertThat(new TaskSeal(KEY).open(new TaskSeal(filled(8)).seal(TASK))).isEmpty();
    }

    @Test
    void shouldRefuseWhatIsNoSealedRecordAtAll() {
        TaskSeal seal = new TaskSeal(KEY);

        assertThat(seal.open("not json")).isEmpty();
        assertThat(seal.open("{\"record\": 5, \"mac\": []}")).isEmpty();
        assertThat(seal.open(TASK.toJson().encode())).isEmpty();
    }

    @Test
    void shouldOpenALeaseItSealed() {
        TaskSeal seal = new TaskSeal(KEY);

        assertThat(seal.openLease(seal.seal(LEASE))).contains(LEASE);
    }

    @Test
    void shouldNeverTakeASealedTaskForALeaseNorALeaseForATask() {
        TaskSeal seal = new TaskSeal(KEY);

        assertThat(seal.openLease(seal.seal(TASK))).isEmpty();
        assertThat(seal.open(seal.seal(LEASE))).isEmpty();
    }

    @Test
    void shouldRefuseALeaseChangedUnsealedOrSealedUnderAnotherKey() {
        TaskSeal seal = new TaskSeal(KEY);
        JsonObject moved = new JsonObject(seal.seal(LEASE));
        moved.put("record", moved.getString("record").replace("5000", "9999999999999"));

        assertThat(seal.openLease(moved.encode())).isEmpty();
        assertThat(seal.openLease(new JsonObject().put("record", LEASE.toJson().encode()).encode())).isEmpty();
        assertThat(seal.openLease(LEASE.toJson().encode())).isEmpty();
        assertThat(seal.openLease(new TaskSeal(filled(8)).seal(LEASE))).isEmpty();
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
