package dev.mcpgw.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgw.schemas.Receipt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrictJsonReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StrictJsonReader<Receipt> READER = StrictJsonReader.of(Receipt.class);
    private final Receipt receipt = SampleChains.chain("p-0", 1).get(0);

    @Test
    void shouldReadBackTheReceiptItsJsonFormCameFrom() throws Exception {
        String line = JSON.writeValueAsString(ReceiptJson.of(receipt, Set.of()));

        assertThat(READER.read(line)).isEqualTo(receipt);
    }

    @Test
    void shouldRefuseAFieldTheSchemaDoesNotKnowSinceTheHashWouldNotCoverIt() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        ((ObjectNode) json.get("intent")).put("approvedBy", "cfo");

        assertThatThrownBy(() -> READER.read(json.toString()))
                .hasMessageContaining(".intent.approvedBy is not a field of Intent");
    }

    @Test
    void shouldRefuseAFieldGivenTwiceSinceTheHashWouldCoverOnlyOneValue() {
        String json = ReceiptJson.of(receipt, Set.of()).toString();
        String twice = json.replace("\"effect\":\"DENY\"", "\"effect\":\"ALLOW\",\"effect\":\"DENY\"");

        assertThatThrownBy(() -> READER.read(twice)).hasMessageContaining(".effect appears twice");
    }

    @Test
    void shouldRefuseAMapKeyGivenTwice() {
        String json = ReceiptJson.of(receipt, Set.of()).toString();
        String twice = json.replace("\"context\":{", "\"context\":{\"sourceIp\":\"10.6.6.6\",");

        assertThatThrownBy(() -> READER.read(twice)).hasMessageContaining(".intent.context.sourceIp appears twice");
    }

    @Test
    void shouldRefuseAnythingAfterTheObject() {
        String json = ReceiptJson.of(receipt, Set.of()).toString();

        assertThatThrownBy(() -> READER.read(json + " {\"approvedBy\":\"cfo\"}")).hasMessageContaining("nothing after it");
    }

    @Test
    void shouldRefuseALineThatIsNotJson() {
        assertThatThrownBy(() -> READER.read("{\"chain\":")).hasMessageStartingWith("the line is not JSON");
        assertThatThrownBy(() -> READER.read("")).hasMessage("the line must be an object");
    }

    @Test
    void shouldRefuseAMissingField() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        json.remove("previousHash");

        assertThatThrownBy(() -> READER.read(json.toString())).hasMessageContaining(".previousHash is missing");
    }

    @Test
    void shouldNameAMissingFieldOfANestedRecord() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        ((ObjectNode) json.get("intent").get("agent")).remove("credential");

        assertThatThrownBy(() -> READER.read(json.toString())).hasMessage(".intent.agent.credential is missing");
    }

    @Test
    void shouldRefuseAValueOfTheWrongJsonType() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        json.put("sequence", "0");

        assertThatThrownBy(() -> READER.read(json.toString())).hasMessageContaining(".sequence must be an integer");
    }

    @Test
    void shouldNameTheArrayItemOfTheWrongJsonType() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        json.putArray("reasons").add("fine").addObject();

        assertThatThrownBy(() -> READER.read(json.toString())).hasMessage(".reasons[1] must be a string");
    }

    @Test
    void shouldRefuseANumberThatIsNotAnInteger() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        json.put("time", 1.5);

        assertThatThrownBy(() -> READER.read(json.toString())).hasMessage(".time must be an integer");
    }

    @Test
    void shouldRefuseAnUnknownEnumSymbol() {
        ObjectNode json = ReceiptJson.of(receipt, Set.of());
        json.put("effect", "MAYBE");

        assertThatThrownBy(() -> READER.read(json.toString())).hasMessageContaining(".effect must be one of");
    }
}
