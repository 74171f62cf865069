package dev.mcpgw.policy.scan;

/**
 * What a detector found, and where: the detector ({@code secrets}), the kind of thing
 * ({@code aws-access-key}) and the argument's dot path. Never the value itself.
 */
public record Finding(String detector, String kind, String argumentPath) {

    @Override
    public String toString() {
        return detector + "/" + kind + " in arguments." + argumentPath;
    }
}
