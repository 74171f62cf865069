package dev.mcpgw.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON form of a receipt (or any gateway record), built by walking its Avro schema so that
 * every field is included without a hand-kept list: a field added to the schema is hashed, archived
 * and verified at once. Records and maps become objects, enums their symbol, unions their value,
 * arrays arrays. {@link #read} is the inverse, and strict: Avro's own JSON decoding wraps union
 * values and would accept a field the hash never covered, so it cannot read an archive line back.
 */
public final class ReceiptJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReceiptJson() {
    }

    /** Every field of {@code record}, except the top-level fields named in {@code omit}. */
    public static ObjectNode of(SpecificRecord record, Set<String> omit) {
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            if (!omit.contains(field.name())) {
                object.set(field.name(), value(record.get(field.pos())));
            }
        }
        return object;
    }

    private static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof SpecificRecord record) {
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
        if (value instanceof CharSequence || value instanceof Enum<?>) {
            return NODES.textNode(value.toString());
        }
        throw new IllegalArgumentException("receipt field of unsupported type " + value.getClass().getName());
    }

    /**
     * The record of type {@code type} that {@code json} is the JSON form of. Every schema field must
     * be present with its exact JSON type and no other field may be: a field the schema does not
     * know would be carried along unhashed.
     */
    public static <T extends SpecificRecord> T read(JsonNode json, Class<T> type) {
        return type.cast(read(json, SpecificData.get().getSchema(type), ""));
    }

    private static Object read(JsonNode json, Schema schema, String path) {
        return switch (schema.getType()) {
            case RECORD -> record(json, schema, path);
            case UNION -> json.isNull() && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)
                    ? null : read(json, nonNull(schema, path), path);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                expect(json, json.isArray(), "an array", path).forEach(item -> items.add(read(item, schema.getElementType(), path + "[]")));
                yield items;
            }
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                expect(json, json.isObject(), "an object", path).properties().forEach(
                        e -> entries.put(e.getKey(), read(e.getValue(), schema.getValueType(), path + "." + e.getKey())));
                yield entries;
            }
            case STRING -> expect(json, json.isTextual(), "a string", path).textValue();
            case LONG -> expect(json, json.canConvertToLong() && json.isIntegralNumber(), "an integer", path).longValue();
            case INT -> expect(json, json.canConvertToInt() && json.isIntegralNumber(), "an integer", path).intValue();
            case BOOLEAN -> expect(json, json.isBoolean(), "true or false", path).booleanValue();
            case ENUM -> {
                String symbol = expect(json, json.isTextual(), "a string", path).textValue();
                if (!schema.getEnumSymbols().contains(symbol)) {
                    throw new IllegalArgumentException(path + " must be one of " + schema.getEnumSymbols() + ", not " + symbol);
                }
                yield SpecificData.get().createEnum(symbol, schema);
            }
            default -> throw new IllegalArgumentException(path + " has unsupported schema type " + schema.getType());
        };
    }

    private static SpecificRecord record(JsonNode json, Schema schema, String path) {
        expect(json, json.isObject(), "an object", path);
        for (Map.Entry<String, JsonNode> property : json.properties()) {
            if (schema.getField(property.getKey()) == null) {
                throw new IllegalArgumentException(path + "." + property.getKey() + " is not a field of " + schema.getName());
            }
        }
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = json.get(field.name());
            if (value == null) {
                throw new IllegalArgumentException(path + "." + field.name() + " is missing");
            }
            record.put(field.pos(), read(value, field.schema(), path + "." + field.name()));
        }
        return record;
    }

    private static Schema nonNull(Schema union, String path) {
        return union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(path + " must be null"));
    }

    private static JsonNode expect(JsonNode json, boolean holds, String what, String path) {
        if (!holds) {
            throw new IllegalArgumentException((path.isEmpty() ? "the line" : path) + " must be " + what);
        }
        return json;
    }
}
