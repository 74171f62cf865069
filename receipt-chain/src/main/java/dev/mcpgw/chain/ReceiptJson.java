package dev.mcpgw.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * The JSON form of a receipt (or any gateway record), built by walking the Avro schema it carries so that
 * every field is included without a hand-kept list: a field added to the schema is hashed, archived
 * and verified at once. Records and maps become objects, enums their symbol, unions their value,
 * arrays arrays. A field marked omitWhenNull is left out while null (see OptionalFields). {@link StrictJsonReader} reads it back.
 */
public final class ReceiptJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReceiptJson() {
    }

    /** Every field of {@code record}, except the top-level fields named in {@code omit}. */
    public static ObjectNode of(IndexedRecord record, Set<String> omit) {
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (!omit.contains(field.name()) && !OptionalFields.omitted(field, value)) {
                object.set(field.name(), value(value));
            }
        }
        return object;
    }

    private static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof IndexedRecord record) {
            return of(record, Set.of());
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Map<?, ?> entries) {
            ObjectNode object = NODES.objectNode();
            entries.forEach((key, item) -> object.set(key.toString(), value(item)));
            return object;
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>) {
            return NODES.textNode(value.toString());
        }
        throw new IllegalArgumentException("receipt field of unsupported type " + value.getClass().getName());
    }
}
