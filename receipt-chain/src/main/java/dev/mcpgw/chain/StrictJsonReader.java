package dev.mcpgw.chain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the JSON form of a record ({@link ReceiptJson#of}) back into the record, strictly: every
 * schema field must be present once with its exact JSON type, and nothing else may be there (no
 * other field, no key twice, nothing after the object), since anything else would be carried along
 * unhashed. Avro's own JSON decoding wraps union values and accepts unknown fields, so it cannot
 * read an archive line back. The schema is walked once, when the reader is made; a line is then
 * read token by token, with no tree in between. Safe to share between threads.
 */
public final class StrictJsonReader<T extends SpecificRecord> {
    private static final JsonFactory JSON = new JsonFactory();
    private final Class<T> type;
    private final ValueReader root;

    private StrictJsonReader(Class<T> type) {
        this.type = type;
        this.root = compile(SpecificData.get().getSchema(type), new HashMap<>());
    }

    public static <T extends SpecificRecord> StrictJsonReader<T> of(Class<T> type) {
        return new StrictJsonReader<>(type);
    }

    /** The record {@code json} is the JSON form of; IllegalArgumentException, naming the place, for anything else. */
    public T read(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            T record = type.cast(root.read(parser));
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("the line must hold one object and nothing after it");
            }
            return record;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the line is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one value whose first token the parser is at, leaving the parser at its last token. */
    private interface ValueReader {
        Object read(JsonParser json) throws IOException;
    }

    private static ValueReader compile(Schema schema, Map<String, RecordReader> records) {
        return switch (schema.getType()) {
            case RECORD -> {
                RecordReader known = records.get(schema.getFullName());
                yield known != null ? known : new RecordReader(schema, records);
            }
            case UNION -> union(schema, records);
            case ARRAY -> array(compile(schema.getElementType(), records));
            case MAP -> map(compile(schema.getValueType(), records));
            case STRING -> json -> expect(json, json.currentToken() == JsonToken.VALUE_STRING, "a string").getText();
            case LONG -> json -> expect(json, json.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER, "an integer").getLongValue();
            case INT -> json -> expect(json, json.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && json.getNumberType() == JsonParser.NumberType.INT, "an integer").getIntValue();
            case BOOLEAN -> json -> expect(json, json.currentToken() == JsonToken.VALUE_TRUE || json.currentToken() == JsonToken.VALUE_FALSE, "true or false").getBooleanValue();
            case ENUM -> enumeration(schema);
            default -> throw new IllegalArgumentException(schema.getFullName() + " has unsupported schema type " + schema.getType());
        };
    }

    private static ValueReader union(Schema union, Map<String, RecordReader> records) {
        boolean nullable = union.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
        Schema value = union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElse(null);
        ValueReader reader = value == null ? json -> expect(json, false, "null") : compile(value, records);
        return json -> nullable && json.currentToken() == JsonToken.VALUE_NULL ? null : reader.read(json);
    }

    private static ValueReader array(ValueReader element) {
        return json -> {
            expect(json, json.currentToken() == JsonToken.START_ARRAY, "an array");
            List<Object> items = new ArrayList<>();
            while (json.nextToken() != JsonToken.END_ARRAY) {
                items.add(element.read(json));
            }
            return items;
        };
    }

    private static ValueReader map(ValueReader value) {
        return json -> {
            expect(json, json.currentToken() == JsonToken.START_OBJECT, "an object");
            Map<String, Object> entries = new LinkedHashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                if (entries.containsKey(key)) {
                    throw new IllegalArgumentException(path(json) + " appears twice");
                }
                json.nextToken();
                entries.put(key, value.read(json));
            }
            return entries;
        };
    }

    private static ValueReader enumeration(Schema schema) {
        Map<String, Object> symbols = new HashMap<>();
        schema.getEnumSymbols().forEach(symbol -> symbols.put(symbol, SpecificData.get().createEnum(symbol, schema)));
        return json -> {
            Object symbol = symbols.get(expect(json, json.currentToken() == JsonToken.VALUE_STRING, "a string").getText());
            if (symbol == null) {
                throw new IllegalArgumentException(path(json) + " must be one of " + schema.getEnumSymbols() + ", not " + json.getText());
            }
            return symbol;
        };
    }

    /** A record: its fields by name, found in any order, each exactly once. */
    private static final class RecordReader implements ValueReader {
        private final Schema schema;
        private final Map<String, Schema.Field> fields = new HashMap<>();
        private final ValueReader[] values;

        RecordReader(Schema schema, Map<String, RecordReader> records) {
            this.schema = schema;
            records.put(schema.getFullName(), this);
            values = new ValueReader[schema.getFields().size()];
            for (Schema.Field field : schema.getFields()) {
                fields.put(field.name(), field);
                values[field.pos()] = compile(field.schema(), records);
            }
        }

        @Override
        public Object read(JsonParser json) throws IOException {
            expect(json, json.currentToken() == JsonToken.START_OBJECT, "an object");
            SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
            boolean[] seen = new boolean[values.length];
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                Schema.Field field = fields.get(json.currentName());
                if (field == null) {
                    throw new IllegalArgumentException(path(json) + " is not a field of " + schema.getName());
                }
                if (seen[field.pos()]) {
                    throw new IllegalArgumentException(path(json) + " appears twice");
                }
                seen[field.pos()] = true;
                json.nextToken();
                record.put(field.pos(), values[field.pos()].read(json));
            }
            for (Schema.Field field : schema.getFields()) {
                if (!seen[field.pos()] && !OptionalFields.omittedWhenNull(field)) {
                    // At the closing brace the parser is back in the enclosing context, which names this object.
                    throw new IllegalArgumentException(path(json.getParsingContext()) + "." + field.name() + " is missing");
                }
            }
            return record;
        }
    }

    private static JsonParser expect(JsonParser json, boolean holds, String what) {
        if (!holds) {
            String path = path(json);
            throw new IllegalArgumentException((path.isEmpty() ? "the line" : path) + " must be " + what);
        }
        return json;
    }

    /** Where the parser is, as {@code .intent.agent.groups[1]}: built only for an error message. */
    private static String path(JsonParser json) {
        JsonStreamContext context = json.getParsingContext();
        JsonToken token = json.currentToken();
        // An opening bracket has already entered the context it opens; the value's place is in the one around it.
        return path(token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY ? context.getParent() : context);
    }

    private static String path(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = path(context.getParent());
        return context.inArray() ? parent + "[" + context.getCurrentIndex() + "]" : parent + "." + context.getCurrentName();
    }
}
