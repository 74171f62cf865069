package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.mcpgw.launcher.ConfigLoader;
import dev.mcpgw.launcher.GatewayConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The compose stack, checked without a container engine: Docker Compose's own validation when
 * Debian's docker-compose is installed (.ci/run installs it), and, always, that every gateway
 * command, option and port the stack names is one the gateway has.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    private static final Pattern PROBE = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/healthz/ready");
    /** What the stack runs from the project's image, and nothing else. */
    private static final List<List<String>> SERVICE_COMMANDS = List.of(List.of("init"), List.of("edge"), List.of("stream"), List.of("sink"),
            List.of("review", "serve"));

    @Test
    void shouldPassDockerComposesOwnValidation() throws Exception {
        // given
        Optional<Path> dockerCompose = onPath("docker-compose");
        assumeThat(dockerCompose).as("Debian's docker-compose (.ci/run installs it)").isPresent();

        // when
        Process config = new ProcessBuilder(dockerCompose.get().toString(), "-f", COMPOSE.toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // then
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as(output).isZero();
    }

    @Test
    void shouldRunEveryServiceOfTheStackWithAGatewayCommandAndOptionsThatExist() throws Exception {
        // given
        Map<String, Map<String, Object>> services = services();

        // when
        List<List<String>> commands = new ArrayList<>();
        for (Map<String, Object> service : gatewayServices(services)) {
            List<String> command = command(service);
            ParseResult parsed = new CommandLine(new GatewayCommand()).parseArgs(command.toArray(String[]::new));
            commands.add(parsed.asCommandLineList().stream().skip(1).map(CommandLine::getCommandName).toList());
        }

        // then
        assertThat(commands).containsExactlyInAnyOrderElementsOf(SERVICE_COMMANDS);
    }

    @Test
    void shouldProbeAndPublishOnlyPortsTheServicesListenOn() throws Exception {
        // given
        Map<String, Map<String, Object>> services = services();
        GatewayConfig config = new ConfigLoader(name -> null).load(ROOT.resolve("deploy/gateway.yaml")).config();

        for (Map<String, Object> service : gatewayServices(services)) {
            // when
            List<String> command = command(service);
            List<Integer> listening = new ArrayList<>();
            optionValue(command, "--health-listen").ifPresent(listen -> listening.add(port(listen)));
            if (command.get(0).equals("edge")) {
                listening.add(port(config.listen()));
            }
            if (command.get(0).equals("review")) {
                listening.add(Integer.parseInt(config.review().hostAndPort()[1]));
            }

            // then
            if (service.get("healthcheck") instanceof Map<?, ?> healthcheck) {
                Matcher probe = PROBE.matcher(String.join(" ", strings(healthcheck.get("test"))));
                assertThat(probe.find()).as("%s probes /healthz/ready", command).isTrue();
                assertThat(listening).as("%s listens on the port it is probed on", command).contains(Integer.parseInt(probe.group(1)));
            }
            for (String published : strings(service.getOrDefault("ports", List.of()))) {
                assertThat(listening).as("%s listens on the port it publishes", command)
                        .contains(Integer.parseInt(published.substring(published.lastIndexOf(':') + 1)));
            }
        }
    }

    @Test
    void shouldGiveEachEdgeItsOwnDecidePartitionAndReachTheDemoToolServerOfTheStack() throws Exception {
        // given
        Map<String, Map<String, Object>> services = services();

        // when
        GatewayConfig config = new ConfigLoader(Map.of("MCPGW_DECIDE_PARTITION", "2")::get).load(ROOT.resolve("deploy/gateway.yaml")).config();

        // then
        assertThat(config.decidePartition()).isEqualTo(2);
        String demoUrl = config.mcpServers().get("demo").url();
        assertThat(demoUrl).isEqualTo("http://demo:" + ((Map<?, ?>) services.get("demo").get("environment")).get("PORT") + "/mcp");
        assertThat(services).containsKeys("kafka", "registry", "demo");
        assertThat(services.get("kafka").get("image").toString()).startsWith("apache/kafka:");
    }

    @Test
    void shouldBuildTheImageWithMavenInAStageOfItsOwn() throws Exception {
        // given
        List<String> dockerfile = Files.readAllLines(ROOT.resolve("Dockerfile"));

        // when
        List<String> stages = dockerfile.stream().filter(line -> line.startsWith("FROM ")).toList();

        // then
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).startsWith("FROM maven:").endsWith(" AS build");
        assertThat(dockerfile).anySatisfy(line -> assertThat(line).contains("mvn ").contains("-pl launcher -am package"));
        assertThat(dockerfile).anySatisfy(line -> assertThat(line).startsWith("COPY --from=build /src/launcher/target/gateway.jar"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws Exception {
        // SnakeYAML resolves the anchors and merge keys the file shares settings with.
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static List<Map<String, Object>> gatewayServices(Map<String, Map<String, Object>> services) {
        return services.values().stream().filter(service -> String.valueOf(service.get("image")).startsWith("mcpgw/gateway:")).toList();
    }

    private static List<String> command(Map<String, Object> service) {
        return strings(service.get("command"));
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static Optional<String> optionValue(List<String> command, String option) {
        int at = command.indexOf(option);
        return at < 0 ? Optional.empty() : Optional.of(command.get(at + 1));
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private static Optional<Path> onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }
}
