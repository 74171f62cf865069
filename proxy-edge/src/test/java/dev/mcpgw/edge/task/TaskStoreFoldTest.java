package dev.mcpgw.edge.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** How records on gateway.tasks fold into how a task stands, whoever wrote them and however late. */
class TaskStoreFoldTest {
    private static final TaskRecord WAITING = new TaskRecord("t1", "alice", "intent-1", "demo__echo", 0, TaskStatus.WORKING, "waiting",
            1000, 1000, 3_600_000, "aW50ZW50", null, null, null, null);

    @Test
    void shouldPassOverTheLateClaimOfAnInstanceThatLostTheRace() {
        TaskRecord takerClaim = WAITING.claimed("taker", 1, "running", 2000);
        TaskRecord ownerClaimLate = WAITING.claimed("owner", 0, "running", 2500);

        assertThat(TaskStore.supersedes(WAITING, takerClaim)).isTrue();
        assertThat(TaskStore.supersedes(takerClaim, ownerClaimLate)).isFalse();
    }

    @Test
    void shouldPassOverAResultThatComesAfterTheTaskEndedAsOfUnknownOutcome() {
        TaskRecord claimed = WAITING.claimed("owner", 0, "running", 2000);
        TaskRecord unknown = claimed.moved(TaskStatus.COMPLETED, "Outcome unknown", 20_000, new JsonObject().put("isError", true), null);
        TaskRecord lateResult = claimed.moved(TaskStatus.COMPLETED, "The call ran", 30_000, new JsonObject().put("content", "ran"), null);

        assertThat(TaskStore.supersedes(claimed, unknown)).isTrue();
        assertThat(TaskStore.supersedes(unknown, lateResult)).isFalse();
    }

    @Test
    void shouldPassOverARecordOfTheSameTaskNamingAnotherAgentOrCall() {
        TaskRecord otherAgent = new TaskRecord("t1", "mallory", "intent-1", "demo__echo", 0, TaskStatus.COMPLETED, "ran", 1000, 2000,
                3_600_000, null, null, null, new JsonObject(), null);
        TaskRecord otherCall = new TaskRecord("t1", "alice", "intent-2", "demo__echo", 0, TaskStatus.FORWARDING, "running", 1000, 2000,
                3_600_000, "b3RoZXI=", "c", 1, null, null);

        assertThat(TaskStore.supersedes(WAITING, otherAgent)).isFalse();
        assertThat(TaskStore.supersedes(WAITING, otherCall)).isFalse();
    }

    @Test
    void shouldStartATaskFromWhicheverRecordCompactionLeftFirst() {
        TaskRecord ended = WAITING.moved(TaskStatus.COMPLETED, "ran", 2000, new JsonObject(), null);

        assertThat(TaskStore.supersedes(null, ended)).isTrue();
    }

    @Test
    void shouldTakeTheOwnersPartitionAsTheClaimantOfAClaimWrittenBeforeClaimsNamedTheirInstance() {
        JsonObject written = WAITING.claimed("c1", 3, "running", 2000).toJson();
        written.remove("claimedBy");

        assertThat(TaskRecord.fromJson(written).claimant()).isEqualTo(WAITING.ownerPartition());
        assertThat(WAITING.claimed("c1", 3, "running", 2000).claimant()).isEqualTo(3);
    }
}
