package dev.mcpgw.edge.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TaskStatusTest {

    @Test
    void shouldLetAWaitingTaskBeClaimedCancelledOrEnded() {
        assertThat(Arrays.stream(TaskStatus.values()).filter(TaskStatus.WORKING::mayBecome))
                .containsExactlyInAnyOrder(TaskStatus.FORWARDING, TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED);
    }

    @Test
    void shouldLetARunningCallOnlyEndNeverBeCancelledOrClaimedAgain() {
        assertThat(Arrays.stream(TaskStatus.values()).filter(TaskStatus.FORWARDING::mayBecome))
                .containsExactlyInAnyOrder(TaskStatus.COMPLETED, TaskStatus.FAILED);
    }

    @Test
    void shouldNeverMoveAnEndedTask() {
        for (TaskStatus ended : new TaskStatus[] {TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED}) {
            assertThat(Arrays.stream(TaskStatus.values()).filter(ended::mayBecome)).isEmpty();
        }
    }

    @Test
    void shouldShowARunningCallAsWorkingToClients() {
        assertThat(TaskStatus.FORWARDING.wireName()).isEqualTo("working");
    }
}
