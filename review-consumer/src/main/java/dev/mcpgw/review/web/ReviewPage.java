package dev.mcpgw.review.web;

import static dev.mcpgw.review.web.Html.escape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.review.Review;
import dev.mcpgw.review.VerdictDesk;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewVote;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The approver's HTML, rendered on the server: every string from a review (an agent controls its
 * arguments, a tool's name, the reasons that quote them) is escaped, and the page runs no inline
 * script (the Content-Security-Policy forbids it), so a hostile argument is shown, never run.
 */
final class ReviewPage {
    /** Beyond this, an argument view is cut short: the page stays usable whatever an agent sends. */
    private static final int MAX_ARGUMENTS_CHARS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewPage() {
    }

    static String login(String csrfToken, String message) {
        return layout("Sign in", """
                <main class="signin">
                <h1>Review approvals: sign in</h1>
                %s
                <form method="post" action="/login">
                <input type="hidden" name="csrf" value="%s">
                <label>Approver <input name="approver" autocomplete="username" required maxlength="64"></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
                <button type="submit">Sign in</button>
                </form>
                </main>
                """.formatted(message == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>", escape(csrfToken)));
    }

    static String page(ApproverSessions.Session session, String board, String notice, String error) {
        return layout("Reviews", """
                <header>
                <h1>Reviews waiting for a human</h1>
                <form method="post" action="/logout" class="signout">
                <input type="hidden" name="csrf" value="%s">
                signed in as <strong id="approver">%s</strong> <button type="submit">Sign out</button>
                </form>
                </header>
                %s%s
                <div id="board">%s</div>
                <script src="/app.js"></script>
                """.formatted(escape(session.csrfToken()), escape(session.approver().id()),
                notice == null ? "" : "<p class=\"notice\" role=\"status\">" + escape(notice) + "</p>",
                error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>", board));
    }

    /** The part of the page the script refreshes: pending reviews, then the history. */
    static String board(List<Review> pending, List<Review> history, ApproverSessions.Session session, Predicate<Review> answered, long now) {
        StringBuilder html = new StringBuilder("<section id=\"pending\"><h2>Pending (").append(pending.size()).append(")</h2>");
        if (pending.isEmpty()) {
            html.append("<p class=\"empty\">Nothing waits for a verdict.</p>");
        }
        pending.forEach(review -> html.append(pendingCard(review, session, answered.test(review), now)));
        html.append("</section><section id=\"history\"><h2>History</h2>");
        if (history.isEmpty()) {
            html.append("<p class=\"empty\">No review has finished yet.</p>");
        } else {
            html.append("<table><thead><tr><th>review</th><th>outcome</th><th>call</th><th>verdicts</th><th>receipt</th></tr></thead><tbody>");
            history.forEach(review -> html.append(historyRow(review)));
            html.append("</tbody></table>");
        }
        return html.append("</section>").toString();
    }

    private static String pendingCard(Review review, ApproverSessions.Session session, boolean answered, long now) {
        Intent intent = review.request().getIntent();
        var approval = review.request().getApproval();
        boolean mayAnswer = session.approver().mayApproveFor(approval.getApprovers()) && !answered;
        return """
                <article class="review" data-intent="%s">
                <h3><span class="agent">%s</span> calls <span class="tool">%s / %s</span></h3>
                <dl>
                <dt>review</dt><dd class="intent-id">%s</dd>
                <dt>rule</dt><dd class="rules">%s</dd>
                <dt>reason</dt><dd class="reasons">%s</dd>
                <dt>approvals</dt><dd class="approvals">%d of %d%s</dd>
                <dt>time left</dt><dd class="time-left">%s</dd>
                <dt>review receipt</dt><dd class="receipt">%s</dd>
                </dl>
                <pre class="arguments">%s</pre>
                %s%s
                </article>
                """.formatted(escape(review.intentId()), escape(intent.getAgent().getId()), escape(intent.getServer()), escape(intent.getTool()),
                escape(review.intentId()), escape(String.join(", ", review.request().getMatchedRules())),
                escape(String.join("; ", review.request().getReasons())), review.approvals(), approval.getRequiredApprovals(),
                approval.getApprovers().isEmpty() ? "" : " (from " + escape(String.join(", ", approval.getApprovers())) + ")",
                escape(TimeLeft.of(review.deadline(), now)), receipt(review.request().getReceipt()), escape(readable(intent.getArgumentsJson())),
                votes(review.votes()), mayAnswer ? verdictForm(review, session, shownWhole(intent.getArgumentsJson())) : "<p class=\"answered\">"
                        + (answered ? "You have given your verdict." : "This review asks for other approvers.") + "</p>");
    }

    /**
     * The verdict form. Approve is offered only when the page shows the arguments whole: an agent
     * could otherwise hide what matters past the cut.
     */
    private static String verdictForm(Review review, ApproverSessions.Session session, boolean argumentsShownWhole) {
        String approve = argumentsShownWhole
                ? "<button type=\"submit\" name=\"verdict\" value=\"approve\" class=\"approve\">Approve</button>"
                : "<button type=\"button\" class=\"approve\" disabled>Approve</button>"
                        + " <span class=\"cut\">The arguments are too long to show in full here; approve only after reading the whole call.</span>";
        return """
                <form method="post" action="/verdict" class="verdict">
                <input type="hidden" name="csrf" value="%s">
                <input type="hidden" name="intentId" value="%s">
                <label>Comment (optional) <textarea name="comment" maxlength="%d" rows="2"></textarea></label>
                %s
                <button type="submit" name="verdict" value="deny" class="deny">Deny</button>
                </form>
                """.formatted(escape(session.csrfToken()), escape(review.intentId()), VerdictDesk.MAX_COMMENT, approve);
    }

    static boolean shownWhole(String argumentsJson) {
        return readable(argumentsJson).length() <= MAX_ARGUMENTS_CHARS;
    }

    private static String historyRow(Review review) {
        Intent intent = review.request().getIntent();
        String reason = review.state().getReason();
        return "<tr class=\"finished\" data-intent=\"%s\"><td class=\"intent-id\">%s</td><td class=\"status\">%s%s</td><td>%s: %s / %s</td><td>%s</td><td class=\"receipt\">%s</td></tr>"
                .formatted(escape(review.intentId()), escape(review.intentId()), review.status(),
                        reason == null ? "" : "<br><span class=\"reason\">" + escape(reason) + "</span>",
                        escape(intent.getAgent().getId()), escape(intent.getServer()), escape(intent.getTool()), votes(review.votes()),
                        receipt(review.state().getFinalReceipt()));
    }

    private static String votes(List<ReviewVote> votes) {
        if (votes.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<ul class=\"votes\">");
        for (ReviewVote vote : votes) {
            html.append("<li>").append(escape(vote.getApprover())).append(vote.getApproved() ? " approved" : " denied")
                    .append(" via ").append(escape(vote.getChannel())).append(" at ").append(Instant.ofEpochMilli(vote.getTime()))
                    .append(vote.getComment() == null ? "" : ": <q>" + escape(vote.getComment()) + "</q>")
                    .append(vote.getReceipt() == null ? "" : " (receipt " + receipt(vote.getReceipt()) + ")").append("</li>");
        }
        return html.append("</ul>").toString();
    }

    /** A receipt by its place in the chain, with its hash on hover: what `gateway audit replay` and the archive name it by. */
    private static String receipt(ReceiptRef receipt) {
        if (receipt == null) {
            return "";
        }
        return "<code title=\"sha-256 %s\">%s/%d</code>".formatted(escape(receipt.getHash()), escape(receipt.getChain()), receipt.getSequence());
    }

    /** The arguments as indented JSON (still text to be escaped), cut at a bound. */
    static String readable(String argumentsJson) {
        String text;
        try {
            text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(argumentsJson));
        } catch (JsonProcessingException e) {
            text = argumentsJson;
        }
        return text.length() <= MAX_ARGUMENTS_CHARS ? text : text.substring(0, MAX_ARGUMENTS_CHARS) + "\n… (" + text.length() + " characters in all)";
    }

    private static String layout(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · MCP gateway</title><link rel="stylesheet" href="/app.css"></head>
                <body>%s</body></html>
                """.formatted(escape(title), body);
    }
}
