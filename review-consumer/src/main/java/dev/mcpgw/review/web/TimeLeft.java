package dev.mcpgw.review.web;

/** How long a review may still wait, in words an approver reads at a glance. */
final class TimeLeft {
    private TimeLeft() {
    }

    static String of(long deadline, long now) {
        if (deadline <= 0) {
            return "no deadline recorded";
        }
        long seconds = (deadline - now) / 1000;
        if (seconds <= 0) {
            return "expired";
        }
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        if (hours > 0) {
            return hours + " h " + minutes + " min left";
        }
        return minutes > 0 ? minutes + " min " + seconds % 60 + " s left" : seconds + " s left";
    }
}
