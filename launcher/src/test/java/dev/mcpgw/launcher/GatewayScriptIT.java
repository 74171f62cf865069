package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.cli.GatewayCommand;
import dev.mcpgw.testsupport.FreePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as the script runs it: {@code ./gateway up} starts a gateway that
 * answers {@code /healthz} and stops on SIGTERM; on a JDK 25 or newer it first trains an
 * ahead-of-time cache ({@code gateway train}), once per build, and runs start from it. The script runs in a copy of the project's
 * layout (the script, {@code launcher/jvm.options}, {@code launcher/target/gateway.jar}) whose jar
 * holds this build's classes and names the rest of the test class path: the real jar is packaged
 * after the tests, and a copy with no sources has nothing to rebuild.
 */
class GatewayScriptIT {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern RELEASE = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    @TempDir
    Path root;
    @TempDir
    Path work;
    /** What the last {@link #up} printed to standard output up to its banner's last line. */
    private String printedBeforeBanner;

    @BeforeEach
    void projectLayout() throws Exception {
        Path project = Path.of(System.getProperty("user.dir")).getParent();
        Files.copy(project.resolve("gateway"), root.resolve("gateway"));
        Files.createDirectories(root.resolve("launcher/target"));
        Files.copy(project.resolve("launcher/jvm.options"), root.resolve("launcher/jvm.options"));
        writeLauncherJar(root.resolve("launcher/target/gateway.jar"));
    }

    @Test
    void upRunsTheGatewayUntilTerminatedAndKeepsNoCacheOnAnOlderJdk() throws Exception {
        Assumptions.assumeTrue(feature(Path.of(System.getProperty("java.home"))) < 25, "this JVM would make a cache");

        Process up = up(Path.of(System.getProperty("java.home"), "bin", "java"));
        assertThat(arguments(up)).noneMatch(argument -> argument.startsWith("-XX:AOT"));
        stop(up);

        assertThat(root.resolve("launcher/target/gateway.aot")).doesNotExist();
    }

    @Test
    void runsTheCommandOnTheNewestJdkItFinds() throws Exception {
        // given: a JDK 99 under JAVA_HOME whose java only says how it was called
        Path jdk = Files.createDirectories(root.resolve("jdk-99/bin"));
        Files.writeString(jdk.resolveSibling("release"), "JAVA_VERSION=\"99.0.1\"\n");
        Path java = Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho \"java 99: $*\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        ProcessBuilder command = new ProcessBuilder("bash", root.resolve("gateway").toString(), "policy", "lint", "team-policy.yaml")
                .directory(work.toFile()).redirectErrorStream(true);
        command.environment().remove("GATEWAY_JAVA");
        command.environment().put("JAVA_HOME", root.resolve("jdk-99").toString());

        Process gateway = command.start();
        String said = new String(gateway.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(gateway.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(said).startsWith("java 99: @" + root.resolve("launcher/jvm.options"))
                .contains("-jar " + root.resolve("launcher/target/gateway.jar") + " policy lint team-policy.yaml");
    }

    @Test
    void upOnJdk25TrainsAnAheadOfTimeCacheOncePerBuildAndStartsFromIt() throws Exception {
        Optional<Path> jdk = newestJdk();
        Assumptions.assumeTrue(jdk.isPresent() && feature(jdk.get()) >= 25, "no JDK 25 or newer on this machine");
        Path java = jdk.get().resolve("bin/java");
        Path cache = root.resolve("launcher/target/gateway.aot");

        Process first = up(java);
        assertThat(cache).isNotEmptyFile();
        assertThat(root.resolve("launcher/target/gateway.aot.config")).doesNotExist();
        assertThat(arguments(first)).contains("-XX:AOTCache=" + cache);
        stop(first);

        Process second = up(java);
        assertThat(arguments(second)).contains("-XX:AOTCache=" + cache);
        assertThat(printedBeforeBanner).as("what the user sees").doesNotContain("[warning][aot");
        stop(second);
        assertThat(Files.readString(work.resolve("gateway.log"))).as("trained once")
                .containsOnlyOnce("Training the gateway's ahead-of-time cache");
    }

    /** {@code ./gateway up} on {@code java}, with ports nothing else holds; returns once it answers /healthz. */
    private Process up(Path java) throws Exception {
        int kafka = FreePort.pick();
        int edge = FreePort.pick();
        Files.writeString(work.resolve("gateway.yaml"), starter("gateway.yaml").replace("port: 19092", "port: " + kafka));
        Files.writeString(work.resolve("policy.yaml"), starter("policy.yaml"));
        ProcessBuilder command = new ProcessBuilder("bash", root.resolve("gateway").toString(), "up", "--config", "gateway.yaml")
                .directory(work.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("gateway.log").toFile()));
        command.environment().put("GATEWAY_JAVA", java.toString());
        command.environment().put("MCPGW_LISTEN", "127.0.0.1:" + edge);
        command.environment().put("MCPGW_REVIEW_LISTEN", "127.0.0.1:" + FreePort.pick());
        Process up = command.start();
        awaitBanner(up.getInputStream());
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge + "/healthz")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("/healthz: %s", health.body()).isEqualTo(200);
        return up;
    }

    private void stop(Process up) throws Exception {
        up.destroy();
        assertThat(up.waitFor(2, TimeUnit.MINUTES)).as("the script ends after SIGTERM").isTrue();
    }

    /** The command line of the JVM running the gateway, which the script hands its process to. */
    private static List<String> arguments(Process up) {
        return up.info().arguments().map(Arrays::asList).orElseThrow(() -> new AssertionError("no command line for the gateway"));
    }

    private void awaitBanner(InputStream stdout) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        StringBuilder text = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            text.append(line).append('\n');
            if (line.startsWith("Press Ctrl+C")) {
                printedBeforeBanner = text.toString();
                return;
            }
        }
        throw new AssertionError("./gateway up printed no banner; it printed:\n" + text + "\nits log:\n"
                + Files.readString(work.resolve("gateway.log")));
    }

    /**
     * A jar of this build's launcher classes whose manifest names the jars of the test class path
     * (relative to the jar, as the manifest's class path must be). Directories (the test classes) are
     * left out: the gateway needs none, and a JVM recording an ahead-of-time cache refuses to start
     * with one on its class path.
     */
    private static void writeLauncherJar(Path jar) throws Exception {
        Path classes = Path.of(GatewayCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path directory = jar.getParent();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of)
                .filter(Files::isRegularFile)
                .map(entry -> directory.relativize(entry.toAbsolutePath()).toString())
                .collect(Collectors.joining(" "));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, GatewayCommand.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    /** The newest JDK the script would find in /usr/lib/jvm, or this JVM's. */
    private static Optional<Path> newestJdk() throws IOException {
        List<Path> jdks = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> installed = Files.list(jvms)) {
                installed.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java"))).forEach(jdks::add);
            }
        }
        Path newest = null;
        for (Path jdk : jdks) {
            if (newest == null || feature(jdk) > feature(newest)) {
                newest = jdk;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The JDK's feature release from its release file, as the script reads it; 0 without one. */
    private static int feature(Path jdk) throws IOException {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Matcher version = RELEASE.matcher(Files.readString(release));
        return version.find() ? Integer.parseInt(version.group(1)) : 0;
    }

    private static String starter(String name) throws IOException {
        try (InputStream in = GatewayScriptIT.class.getResourceAsStream("/starter/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
