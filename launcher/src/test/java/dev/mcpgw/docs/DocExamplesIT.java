package dev.mcpgw.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs what README.md and docs/*.md show: every {@code ```console checked} block's commands against a
 * gateway started the way the README starts it, each answer compared with the documented one
 * ({@link Expected}); every {@code file=} block written first for the commands after it.
 *
 * <p>The gateway is {@code gateway up} as its own process, in a temporary working directory holding the
 * starter config and policy (so {@code data/} lands there), with free ports in place of the starter's
 * 8080, 8081 and 19092. Commands name those documented ports; they are mapped to the real ones.
 * {@code ./gateway ARGS} runs the gateway command in a JVM of its own in that directory (the
 * {@code ./gateway} script would build the project first); {@code curl} is read by this test and sent
 * with the JDK's HTTP client, so the test needs no curl. {@code NAME=$(COMMAND)} keeps what COMMAND
 * printed as a variable for the commands after it ({@code $NAME}), as the reader's shell would: how a
 * session id from one answer's header reaches the requests after it. {@code cp -r} and {@code sed -i}
 * ({@link FileCommands}) let an example tamper with a copy of what the gateway wrote.
 */
class DocExamplesIT {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final DocBlocks DOCS = DocBlocks.ofRepository();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\\$\\((.*)\\)");
    private static final Pattern WRITE_OUT = Pattern.compile("%\\{http_code}|%header\\{([A-Za-z0-9-]+)}|\\\\n|%");
    /** The variables the reader's shell holds after the commands so far, README first. */
    private static final Map<String, String> SHELL = new HashMap<>();

    @TempDir
    static Path work;
    private static Process gateway;
    private static String banner;
    private static Map<String, String> ports;

    @BeforeAll
    static void up() throws Exception {
        // given: the starter files, as the README tells a reader to copy them, with ports nothing else holds
        int kafka = FreePort.pick();
        String config = starter("gateway.yaml").replace("port: 19092", "port: " + kafka);
        Files.writeString(work.resolve("gateway.yaml"), config);
        Files.writeString(work.resolve("policy.yaml"), starter("policy.yaml"));
        Files.writeString(work.resolve("policy-cases.yaml"), starter("policy-cases.yaml"));
        int edge = FreePort.pick();
        int review = FreePort.pick();
        ports = Map.of("127.0.0.1:8080", "127.0.0.1:" + edge, "127.0.0.1:8081", "127.0.0.1:" + review,
                "127.0.0.1:19092", "127.0.0.1:" + kafka);
        ProcessBuilder up = gatewayCommand("-Xmx768m", List.of("up", "--config", "gateway.yaml"))
                .redirectError(work.resolve("gateway.log").toFile());
        up.environment().put("MCPGW_LISTEN", "127.0.0.1:" + edge);
        up.environment().put("MCPGW_REVIEW_LISTEN", "127.0.0.1:" + review);
        gateway = up.start();
        banner = readBanner(gateway.getInputStream());
    }

    @AfterAll
    static void down() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(60, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldAnswerEveryCheckedExampleAsTheDocsShowIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DocBlocks.Block block : DOCS.blocks()) {
            if (block.option("file") != null) {
                tests.add(DynamicTest.dynamicTest(block.where() + " writes " + block.option("file"), () ->
                        Files.writeString(work.resolve(block.option("file")), String.join("\n", block.lines()) + "\n")));
            } else if (block.has("checked")) {
                tests.add(DynamicTest.dynamicTest(block.where() + " runs as shown", () -> run(block)));
            } else if (showsCommands(block)) {
                tests.add(DynamicTest.dynamicTest(block.where() + " is marked", () ->
                        assertThat(block.info()).as("%s shows commands: mark it `console checked`, or `console not-checked: REASON`", block.where())
                                .containsPattern("not-checked: \\S")));
            }
        }
        return tests.stream();
    }

    private static boolean showsCommands(DocBlocks.Block block) {
        return block.info().startsWith("console") || block.lines().stream().anyMatch(line -> line.startsWith("$ "));
    }

    /** Each {@code $ } line, then the lines up to the next one: the command and what it must print. */
    private static void run(DocBlocks.Block block) throws Exception {
        List<String> lines = block.lines();
        int i = 0;
        while (i < lines.size()) {
            String command = lines.get(i);
            if (!command.startsWith("$ ")) {
                fail("%s: a checked block starts each command with '$ ', not: %s", block.where(), command);
            }
            command = command.substring(2);
            i++;
            while (command.endsWith("\\") && i < lines.size()) {
                command = command.substring(0, command.length() - 1) + lines.get(i++).strip();
            }
            List<String> expected = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).startsWith("$ ")) {
                expected.add(lines.get(i++));
            }
            String documented = String.join("\n", expected);
            if (command.startsWith("./gateway up")) {
                documented = withoutStarterHints(documented);
            }
            String actual = answer(command);
            boolean json = documented.strip().startsWith("{") || documented.strip().startsWith("[");
            String mismatch = Expected.mismatch(documented, actual, json);
            if (mismatch != null) {
                fail("%s: $ %s%n%s", block.where(), command, mismatch);
            }
        }
    }

    private static String answer(String command) throws Exception {
        for (Map.Entry<String, String> port : ports.entrySet()) {
            command = command.replace(port.getKey(), port.getValue());
        }
        Matcher variable = ASSIGNMENT.matcher(command);
        if (variable.matches()) {
            // As $(...) does: the output without its trailing newlines, and nothing printed.
            SHELL.put(variable.group(1), answer(variable.group(2)).replaceAll("\n+$", ""));
            return "";
        }
        List<String> words = new ArrayList<>(ShellWords.split(command, SHELL));
        Map<String, String> environment = new LinkedHashMap<>();
        while (!words.isEmpty() && words.get(0).matches("[A-Z_][A-Z0-9_]*=.*")) {
            String assignment = words.remove(0);
            environment.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
        }
        List<String> grep = List.of();
        int pipe = words.indexOf("|");
        if (pipe >= 0) {
            grep = words.subList(pipe + 1, words.size());
            words = words.subList(0, pipe);
        }
        String out = switch (words.get(0)) {
            case "./gateway" -> words.equals(List.of("./gateway", "up")) ? upBanner() : gateway(words.subList(1, words.size()), environment);
            case "curl" -> curl(words.subList(1, words.size()));
            case "cp" -> FileCommands.cp(work, words.subList(1, words.size()));
            case "sed" -> FileCommands.sed(work, words.subList(1, words.size()));
            default -> throw new AssertionError("a checked command is ./gateway, curl, cp or sed, not " + words.get(0));
        };
        if (!grep.isEmpty()) {
            assertThat(grep.get(0)).as("only `| grep PATTERN` may follow a command").isEqualTo("grep");
            Pattern pattern = Pattern.compile(grep.get(grep.size() - 1));
            out = String.join("\n", out.lines().filter(line -> pattern.matcher(line).find()).toList());
        }
        return out;
    }

    /** What `up` printed, told apart from the bundled starter only by what --config changes: the config's name and the starter's hints. */
    private static String upBanner() {
        return banner;
    }

    static String withoutStarterHints(String text) {
        return text.replaceAll("is up \\([^)]*\\)", "is up (…)")
                .replaceAll("\\s+\\(starter (key|password): [^)]*\\)", "");
    }

    /** What the command printed on stdout and stderr, without the JSON log lines (an operator reads those apart). */
    private static String gateway(List<String> args, Map<String, String> environment) throws Exception {
        ProcessBuilder command = gatewayCommand("-Xmx256m", args).redirectErrorStream(true);
        command.environment().putAll(environment);
        Process process = command.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("gateway %s ends", args).isTrue();
        return String.join("\n", out.lines().filter(line -> !line.startsWith("{\"@timestamp\"")).toList());
    }

    private static String curl(List<String> args) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60));
        String url = null;
        String body = null;
        String method = null;
        boolean discardBody = false;
        String writeOut = "";
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "-s", "-S", "-sS" -> { }
                case "-o" -> {
                    assertThat(args.get(++i)).as("the doc test's curl writes the body to stdout or -o /dev/null").isEqualTo("/dev/null");
                    discardBody = true;
                }
                case "-w" -> writeOut = args.get(++i);
                case "-H" -> {
                    String header = args.get(++i);
                    int colon = header.indexOf(':');
                    request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
                case "-d", "--data" -> body = args.get(++i);
                case "-X" -> method = args.get(++i);
                default -> {
                    if (args.get(i).startsWith("-")) {
                        throw new AssertionError("curl option the doc test does not read: " + args.get(i));
                    }
                    url = args.get(i);
                }
            }
        }
        request.uri(URI.create(url)).method(method != null ? method : body != null ? "POST" : "GET",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !String.join(" ", args).toLowerCase().contains("content-type")) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return (discardBody ? "" : response.body()) + writtenOut(writeOut, response);
    }

    /** curl's -w: the status and response headers it names, as curl prints them after the body. */
    private static String writtenOut(String format, HttpResponse<String> response) {
        return WRITE_OUT.matcher(format).replaceAll(variable -> Matcher.quoteReplacement(switch (variable.group()) {
            case "%{http_code}" -> String.valueOf(response.statusCode());
            case "\\n" -> "\n";
            case "%" -> throw new AssertionError("the doc test's curl -w knows %{http_code} and %header{NAME}, not: " + format);
            default -> response.headers().firstValue(variable.group(1)).orElse("");
        }));
    }

    private static ProcessBuilder gatewayCommand(String heap, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-cp", System.getProperty("java.class.path"), GatewayCommand.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).directory(work.toFile());
    }

    private static String readBanner(InputStream stdout) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            text.append(line).append('\n');
            if (line.startsWith("Press Ctrl+C")) {
                return withoutStarterHints(text.toString());
            }
        }
        throw new AssertionError("gateway up did not print its banner; it printed:\n" + text
                + "\nits log:\n" + Files.readString(work.resolve("gateway.log")));
    }

    private static String starter(String name) throws IOException {
        try (InputStream in = DocExamplesIT.class.getResourceAsStream("/starter/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
