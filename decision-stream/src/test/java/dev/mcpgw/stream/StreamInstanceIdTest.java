package dev.mcpgw.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamInstanceIdTest {
    @TempDir
    Path stateDir;

    @Test
    void anInstanceKeepsItsIdAcrossRestarts() {
        String first = StreamInstanceId.loadOrCreate(stateDir);

        assertThat(StreamInstanceId.loadOrCreate(stateDir)).isEqualTo(first).startsWith(DecisionStreamApp.APPLICATION_ID + "-");
    }

    @Test
    void twoStateDirectoriesAreTwoInstances(@TempDir Path other) {
        assertThat(StreamInstanceId.loadOrCreate(stateDir)).isNotEqualTo(StreamInstanceId.loadOrCreate(other));
    }

    @Test
    void aFileThatHoldsNoIdIsRefusedNamingTheFile() throws Exception {
        Files.writeString(stateDir.resolve("stream-instance-id"), "not an id; rm -rf /\n");

        assertThatThrownBy(() -> StreamInstanceId.loadOrCreate(stateDir)).hasMessageContaining("stream-instance-id");
    }
}
