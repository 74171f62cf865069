package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Receipt;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

/**
 * This build against the release's schemas (the fixtures in src/test/resources/release-schemas):
 * every record of the release reads with this build's schema and the other way round, and a field
 * this build added to a receipt is marked omitWhenNull. The sink, the archive, replay and the OCSF
 * feed read receipts through this build's schema, so a field added without the mark would put
 * "field": null into the JSON form of every older receipt, changing its hash.
 */
class ReleaseSchemaTest {
    @Test
    void shouldReadEveryRecordOfTheReleaseAndBeReadByIt() throws Exception {
        for (Schema current : List.of(Intent.getClassSchema(), Decision.getClassSchema(), Receipt.getClassSchema())) {
            Schema release = release(current.getName() + ".avsc");

            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, release).getType())
                    .as("%s of this build reads the release's", current.getName()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(release, current).getType())
                    .as("%s of the release reads this build's", current.getName()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void shouldLeaveEveryReceiptFieldAddedSinceTheReleaseOutOfTheHashWhileNull() throws Exception {
        Map<String, Schema> release = records(release("Receipt.avsc"));
        List<String> unmarked = new ArrayList<>();
        records(Receipt.getClassSchema()).forEach((name, record) -> record.getFields().stream()
                .filter(field -> release.containsKey(name) && release.get(name).getField(field.name()) == null)
                .filter(field -> !Boolean.TRUE.equals(field.getObjectProp("omitWhenNull")) || !field.hasDefaultValue())
                .forEach(field -> unmarked.add(name + "." + field.name())));

        assertThat(unmarked).isEmpty();
    }

    private static Schema release(String file) throws Exception {
        try (InputStream in = ReleaseSchemaTest.class.getResourceAsStream("/release-schemas/" + file)) {
            return new Schema.Parser().parse(in);
        }
    }

    /** Every record schema inside {@code schema}, by full name. */
    private static Map<String, Schema> records(Schema schema) {
        Map<String, Schema> found = new HashMap<>();
        collect(schema, found);
        return found;
    }

    private static void collect(Schema schema, Map<String, Schema> found) {
        switch (schema.getType()) {
            case RECORD -> {
                if (found.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(f -> collect(f.schema(), found));
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collect(t, found));
            case ARRAY -> collect(schema.getElementType(), found);
            case MAP -> collect(schema.getValueType(), found);
            default -> {
            }
        }
    }
}
