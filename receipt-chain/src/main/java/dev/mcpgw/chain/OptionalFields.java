package dev.mcpgw.chain;

import org.apache.avro.Schema;

/**
 * Fields marked {@code omitWhenNull} in the schema: added to a record after records of it were
 * hashed, they are left out of its JSON form, and so of its hash, while they hold null. A receipt
 * made before the field existed therefore keeps its hash, and its archived line still reads.
 */
final class OptionalFields {
    private static final String MARK = "omitWhenNull";

    private OptionalFields() {
    }

    static boolean omittedWhenNull(Schema.Field field) {
        return Boolean.TRUE.equals(field.getObjectProp(MARK));
    }

    static boolean omitted(Schema.Field field, Object value) {
        return value == null && omittedWhenNull(field);
    }
}
