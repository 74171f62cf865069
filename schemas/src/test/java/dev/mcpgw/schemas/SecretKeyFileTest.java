package dev.mcpgw.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyFileTest {

    @Test
    void shouldMakeTheKeyFileReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/decision.key");

        SecretKeyFile.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(dir.resolve("state"))) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void shouldGiveEveryProcessStartingAtOnceTheSameKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("decision.key");
        ExecutorService starting = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> keys = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                keys.add(starting.submit((Callable<byte[]>) () -> SecretKeyFile.loadOrCreate(file)));
            }
            byte[] first = keys.get(0).get();
            for (Future<byte[]> key : keys) {
                assertThat(key.get()).isEqualTo(first);
            }
            assertThat(SecretKeyFile.loadOrCreate(file)).isEqualTo(first);
        } finally {
            starting.shutdownNow();
        }
    }
}
