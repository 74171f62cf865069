package dev.mcpgw.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.erdtman.jcs.NumberToJSON;

/**
 * The RFC 8785 canonical JSON of a record's JSON form ({@link ReceiptJson#of}), walking the schema
 * the record carries (a generated class's, or the writer's for a record read as written), written
 * straight from the record as UTF-8 into a buffer this object reuses: keys sorted by UTF-16 code units,
 * strings with only {@code "}, {@code \} and control characters escaped, numbers as ECMAScript
 * prints the double they denote. It gives the very bytes that writing the JSON text and
 * canonicalizing it gave (receipt hashes depend on it), without the text and the second parse.
 * Not for sharing between threads.
 */
final class CanonicalJson {
    private static final long EXACT_IN_A_DOUBLE = 1L << 53;
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] HEX = ascii("0123456789abcdef");
    /** Map keys as RFC 8785 orders them: String.compareTo compares UTF-16 code units. */
    private static final Comparator<Map.Entry<?, ?>> BY_KEY = Comparator.comparing(entry -> entry.getKey().toString());

    /** Each record schema's fields in canonical order, with their keys already written out; by identity, as records share their schema object. */
    private final Map<Schema, SortedFields> fields = new IdentityHashMap<>();
    private byte[] bytes = new byte[2048];
    private int length;

    /** Writes {@code record} without its top-level fields named in {@code omit}, replacing what was written before. */
    void write(IndexedRecord record, Set<String> omit) {
        length = 0;
        record(record, omit);
    }

    void updateDigest(MessageDigest digest) {
        digest.update(bytes, 0, length);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void value(Object value) {
        if (value == null) {
            append(NULL);
        } else if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>) {
            string(value.toString());
        } else if (value instanceof IndexedRecord record) {
            record(record, Set.of());
        } else if (value instanceof Long l) {
            number(l);
        } else if (value instanceof Integer i) {
            number(i);
        } else if (value instanceof Boolean b) {
            append(b ? TRUE : FALSE);
        } else if (value instanceof Collection<?> items) {
            array(items);
        } else if (value instanceof Map<?, ?> entries) {
            object(entries);
        } else {
            throw new IllegalArgumentException("receipt field of unsupported type " + value.getClass().getName());
        }
    }

    private void record(IndexedRecord record, Set<String> omit) {
        SortedFields fields = this.fields.computeIfAbsent(record.getSchema(), SortedFields::new);
        byte separator = '{';
        for (int i = 0; i < fields.positions.length; i++) {
            Object value = record.get(fields.positions[i]);
            if ((omit.isEmpty() || !omit.contains(fields.names[i])) && !(value == null && fields.omittedWhenNull[i])) {
                append(separator);
                append(fields.keys[i]);
                value(value);
                separator = ',';
            }
        }
        closeObject(separator);
    }

    private void object(Map<?, ?> entries) {
        Map.Entry<?, ?>[] sorted = entries.entrySet().toArray(Map.Entry[]::new);
        Arrays.sort(sorted, BY_KEY);
        byte separator = '{';
        for (Map.Entry<?, ?> entry : sorted) {
            append(separator);
            string(entry.getKey().toString());
            append((byte) ':');
            value(entry.getValue());
            separator = ',';
        }
        closeObject(separator);
    }

    private void closeObject(byte separator) {
        if (separator == '{') {
            append((byte) '{');
        }
        append((byte) '}');
    }

    private void array(Collection<?> items) {
        byte separator = '[';
        for (Object item : items) {
            append(separator);
            value(item);
            separator = ',';
        }
        if (separator == '[') {
            append((byte) '[');
        }
        append((byte) ']');
    }

    /** Within +-2^53 a long is its own shortest round-trip form; beyond, JSON numbers are doubles and print as ECMAScript prints them. */
    private void number(long value) {
        if (value >= -EXACT_IN_A_DOUBLE && value <= EXACT_IN_A_DOUBLE) {
            appendAscii(Long.toString(value));
        } else {
            try {
                appendAscii(NumberToJSON.serializeNumber((double) value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void string(String text) {
        ensure(text.length() * 3 + 2);
        bytes[length++] = '"';
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                bytes[length++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xc0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                bytes[length++] = (byte) (0xf0 | codePoint >> 18);
                bytes[length++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
                bytes[length++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | codePoint & 0x3f);
            } else if (Character.isSurrogate(c)) {
                // What String.getBytes(UTF_8) made of a lone surrogate in the first implementation.
                bytes[length++] = '?';
            } else {
                bytes[length++] = (byte) (0xe0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            }
        }
        bytes[length++] = '"';
    }

    /** RFC 8785 section 3.2.2.2: the two-character escapes where JSON has one, else \\u00xx in lower-case hex. */
    private void escape(char c) {
        bytes[length++] = '\\';
        switch (c) {
            case '\b' -> bytes[length++] = 'b';
            case '\t' -> bytes[length++] = 't';
            case '\n' -> bytes[length++] = 'n';
            case '\f' -> bytes[length++] = 'f';
            case '\r' -> bytes[length++] = 'r';
            case '"', '\\' -> bytes[length++] = (byte) c;
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xf];
            }
        }
    }

    private void appendAscii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    private void append(byte[] more) {
        ensure(more.length);
        System.arraycopy(more, 0, bytes, length, more.length);
        length += more.length;
    }

    private void append(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A record schema's fields by name in UTF-16 order, each key written out once as {@code "name":}. */
    private static final class SortedFields {
        final String[] names;
        final int[] positions;
        final byte[][] keys;
        final boolean[] omittedWhenNull;

        SortedFields(Schema schema) {
            Schema.Field[] fields = schema.getFields().toArray(Schema.Field[]::new);
            Arrays.sort(fields, (a, b) -> a.name().compareTo(b.name()));
            names = new String[fields.length];
            positions = new int[fields.length];
            keys = new byte[fields.length][];
            omittedWhenNull = new boolean[fields.length];
            CanonicalJson key = new CanonicalJson();
            for (int i = 0; i < fields.length; i++) {
                names[i] = fields[i].name();
                omittedWhenNull[i] = OptionalFields.omittedWhenNull(fields[i]);
                positions[i] = fields[i].pos();
                key.length = 0;
                key.string(names[i]);
                key.append((byte) ':');
                keys[i] = key.toByteArray();
            }
        }
    }
}
