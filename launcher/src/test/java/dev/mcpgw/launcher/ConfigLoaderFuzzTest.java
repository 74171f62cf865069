package dev.mcpgw.launcher;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever YAML an operator writes, the config loader either loads it or refuses it with a
 * ConfigException naming the file and what to do. Nothing else escapes.
 */
class ConfigLoaderFuzzTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("KAFKA", "localhost:9092", "EMPTY", "")::get);
    private static Path dir;

    @BeforeAll
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("config-fuzz");
        Files.writeString(dir.resolve("policy.yaml"), "default: deny\n");
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "20s")
    void anyYamlLoadsOrIsRefusedAsAConfigError(FuzzedDataProvider data) throws IOException {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, data.consumeRemainingAsString());
        try {
            LOADER.load(config);
        } catch (ConfigException refused) {
            // The documented refusal: the file and what is wrong with it.
        }
    }
}
