package dev.mcpgw.policy.match;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum constant as policy documents spell it (operators, detectors, rate limit scopes). */
public interface WireName {

    String wireName();

    /** The constant of {@code type} spelled {@code name}; an unknown name lists the known ones. */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String name, String what) {
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants).filter(c -> c.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + name + "' ("
                        + Arrays.stream(constants).map(WireName::wireName).collect(Collectors.joining(", ")) + ")"));
    }
}
