package dev.mcpgw.kafka;

/** Told about each record a component gives up on; {@link DeadLetters} puts it on gateway.dead-letter. */
@FunctionalInterface
public interface DeadLetterReporter {
    /**
     * The record at {@code topic}/{@code partition}/{@code offset} (offset -1 where unknown), whose
     * value was {@code value} (null for a tombstone), was given up by {@code component} because of
     * {@code reason}, which names no part of the record's content.
     */
    void report(String component, String topic, int partition, long offset, byte[] value, String reason);
}
