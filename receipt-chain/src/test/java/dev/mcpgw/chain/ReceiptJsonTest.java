package dev.mcpgw.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgw.schemas.Receipt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReceiptJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Receipt receipt = SampleChains.chain("p-0", 1).get(0);

    @Test
    void shouldReadBackTheReceiptItsJsonFormCameFrom() throws Exception {
        String line = JSON.writeValueAsString(ReceiptJson.of(receipt, Set.of()));

        assertThat(ReceiptJson.read(JSON.readTree(line), Receipt.class)).isEqualTo(receipt);
    }

    @Test
    void shouldRefuseAFieldTheSchemaDoesNotKnowSinceTheHashWouldNotCoverIt() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        ((ObjectNode) json.get("intent")).put("approvedBy", "cfo");

        assertThatThrownBy(() -> ReceiptJson.read(json, Receipt.class))
                .hasMessageContaining(".intent.approvedBy is not a field of Intent");
    }

    @Test
    void shouldRefuseAMissingField() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        json.remove("previousHash");

        assertThatThrownBy(() -> ReceiptJson.read(json, Receipt.class)).hasMessageContaining(".previousHash is missing");
    }

    @Test
    void shouldRefuseAValueOfTheWrongJsonType() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        json.put("sequence", "0");

        assertThatThrownBy(() -> ReceiptJson.read(json, Receipt.class)).hasMessageContaining(".sequence must be an integer");
    }

    @Test
    void shouldRefuseAnUnknownEnumSymbol() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        json.put("effect", "MAYBE");

        assertThatThrownBy(() -> ReceiptJson.read(json, Receipt.class)).hasMessageContaining(".effect must be one of");
    }
}
