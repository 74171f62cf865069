package dev.mcpgw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mcpgw.review.approver.ApproverDirectory;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway review}: answer human reviews from the command line, as an approver, through the review service's API. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "List pending reviews and approve or deny them, as an approver; or run the review service (serve).",
        subcommands = {ReviewServeCommand.class, ReviewCommand.ListReviews.class, ReviewCommand.Approve.class, ReviewCommand.Deny.class, ReviewCommand.HashPassword.class})
final class ReviewCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the review service is and who is asking. The password never comes as a flag (it would show in the process list). */
    static final class Approver {
        @Option(names = "--url", defaultValue = "${env:MCPGW_REVIEW_URL:-http://127.0.0.1:8081}",
                description = "The review service (default: $MCPGW_REVIEW_URL, else ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--approver", defaultValue = "${env:MCPGW_APPROVER}", description = "Your approver id (default: $MCPGW_APPROVER).")
        String approver;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "A file holding your password (else $MCPGW_APPROVER_PASSWORD).")
        Path passwordFile;

        String authorization() throws IOException {
            if (approver == null || approver.isBlank()) {
                throw new Refused("who is approving? pass --approver ID or set MCPGW_APPROVER");
            }
            String password = passwordFile != null ? Files.readString(passwordFile).strip() : System.getenv("MCPGW_APPROVER_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw new Refused("no password: set MCPGW_APPROVER_PASSWORD or pass --password-file FILE");
            }
            return "Basic " + Base64.getEncoder().encodeToString((approver + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        /** The API's JSON answer; a refusal (any status but 2xx) becomes a Refused with the service's message. */
        JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
            URI uri = URI.create(url.replaceAll("/+$", "") + path);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", authorization())
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                        .send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new Refused("cannot reach the review service at " + url + " (is the gateway up? pass --url or set MCPGW_REVIEW_URL)");
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(response.body());
            } catch (IOException e) {
                answer = JsonNodeFactory.instance.objectNode();
            }
            if (response.statusCode() / 100 != 2) {
                throw new Refused(answer.path("error").asText("the review service answered HTTP " + response.statusCode()));
            }
            return answer;
        }
    }

    /** What the review service (or this command) refused, said in a sentence. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** An agent names the tool it calls: control characters (terminal escapes) are shown as '?', never sent to the terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    /** Runs {@code body}, printing a refusal to stderr with exit code 1. */
    private static int run(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (Refused e) {
            spec.commandLine().getErr().println("gateway review: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List pending reviews, newest first (with --history, finished ones too).")
    static final class ListReviews implements Callable<Integer> {
        @Mixin
        Approver approver;

        @Spec
        CommandSpec spec;

        @Option(names = "--history", description = "Also list finished reviews with their final receipts.")
        boolean history;

        @Option(names = "--json", description = "Print the service's JSON as it is.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            return run(spec, () -> {
                JsonNode board = approver.call("GET", "/api/reviews", null);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(board));
                    return 0;
                }
                out.printf("%-36s  %-16s  %-28s  %-9s  %-18s  %s%n", "review", "agent", "server/tool", "approvals", "time left", "rules");
                board.path("pending").forEach(review -> out.printf("%-36s  %-16s  %-28s  %-9s  %-18s  %s%n",
                        printable(review.path("intentId").asText()), printable(review.path("agent").asText()),
                        printable(review.path("server").asText() + "/" + review.path("tool").asText()),
                        review.path("approvals").asInt() + " of " + review.path("requiredApprovals").asInt(),
                        timeLeft(review.path("deadline").asLong()), printable(join(review.path("matchedRules")))));
                out.printf("%d pending%n", board.path("pending").size());
                if (history) {
                    board.path("history").forEach(review -> out.printf("%-36s  %-16s  %-28s  %-9s  final receipt %s%n",
                            printable(review.path("intentId").asText()), printable(review.path("agent").asText()),
                            printable(review.path("server").asText() + "/" + review.path("tool").asText()), review.path("status").asText(),
                            review.path("finalReceipt").asText("-")));
                    out.printf("%d finished%n", board.path("history").size());
                }
                return 0;
            });
        }

        private static String timeLeft(long deadline) {
            if (deadline <= 0) {
                return "-";
            }
            long seconds = Duration.between(Instant.now(), Instant.ofEpochMilli(deadline)).toSeconds();
            return seconds <= 0 ? "expired" : seconds / 60 + " min " + seconds % 60 + " s";
        }

        private static String join(JsonNode array) {
            StringBuilder text = new StringBuilder();
            array.forEach(item -> text.append(text.length() == 0 ? "" : ",").append(item.asText()));
            return text.toString();
        }
    }

    /** approve and deny: one verdict on one review. */
    abstract static class Verdict implements Callable<Integer> {
        @Mixin
        Approver approver;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The review's id (the intent id `gateway review list` shows).")
        String id;

        @Option(names = "--comment", paramLabel = "C", description = "Why (at most 1000 characters); recorded with the verdict.")
        String comment;

        abstract String answer();

        @Override
        public Integer call() throws Exception {
            return run(spec, () -> {
                String body = JSON.writeValueAsString(comment == null ? JsonNodeFactory.instance.objectNode()
                        : JsonNodeFactory.instance.objectNode().put("comment", comment));
                JsonNode verdict = approver.call("POST", "/api/reviews/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                        + "/" + answer(), body);
                spec.commandLine().getOut().printf("%s review %s: verdict %s sent; the gateway applies it%n",
                        verdict.path("approved").asBoolean() ? "approved" : "denied", id, verdict.path("verdictId").asText());
                return 0;
            });
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a pending review.")
    static final class Approve extends Verdict {
        @Override
        String answer() {
            return "approve";
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a pending review (one denial is final).")
    static final class Deny extends Verdict {
        @Override
        String answer() {
            return "deny";
        }
    }

    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = "Read a password (from the terminal without echo, or one line of stdin) and print its bcrypt hash for an approver's passwordHash.")
    static final class HashPassword implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Console console = System.console();
            String password = console != null ? new String(console.readPassword("password: "))
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (password == null || password.length() < 8 || password.getBytes(StandardCharsets.UTF_8).length > 72) {
                spec.commandLine().getErr().println("gateway review hash-password: a password needs 8 to 72 bytes");
                return 1;
            }
            spec.commandLine().getOut().println(ApproverDirectory.hash(password));
            return 0;
        }
    }
}
