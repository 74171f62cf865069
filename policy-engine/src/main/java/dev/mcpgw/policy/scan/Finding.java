package dev.mcpgw.policy.scan;

/**
 * What a detector found, and where: the detector ({@code secrets}), the kind of thing
 * ({@code aws-access-key}) and the place in the arguments, a value or an object key. Never the
 * flagged text itself.
 */
public record Finding(String detector, String kind, ArgumentPlace place) {

    /** E.g. {@code secrets/aws-access-key in arguments/config/key}, or {@code ... in the key arguments/config/[redacted key]}. */
    @Override
    public String toString() {
        String where = place.part() == ArgumentPlace.Part.KEY ? "the key arguments" : "arguments";
        return detector + "/" + kind + " in " + where + place.shown();
    }
}
