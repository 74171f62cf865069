package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest.CompleteArgument;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceReference;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One gateway in front of two demo servers, alpha and beta: prompts, resources and completions reach the server that owns them. */
class MultipleServersIT {
    private static EdgeFixture gateway;
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStreamFronting(log -> List.of(demo("alpha", log), demo("beta", log)));
        client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY);
    }

    private static DownstreamSpec demo(String name, Path callLog) {
        McpPeers.StdioCommand demo = McpPeers.demoServer(callLog, name);
        return new DownstreamSpec(name, demo.command(), demo.args(), demo.env(), null, null, name);
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        gateway.close();
    }

    @Test
    void shouldListThePromptsOfEveryServerUnderTheirPrefixes() {
        assertThat(client.listPrompts().prompts()).extracting(Prompt::name).containsExactly("alpha__greeting", "beta__greeting");
    }

    @Test
    void shouldGetAPromptFromTheServerThatListedIt() {
        var result = client.getPrompt(new GetPromptRequest("beta__greeting", Map.of("who", "Ada")));

        assertThat(((TextContent) result.messages().get(0).content()).text()).isEqualTo("Hello, Ada, from beta");
    }

    @Test
    void shouldAnswerAnUnknownPromptWithInvalidParams() {
        assertThatThrownBy(() -> client.getPrompt(new GetPromptRequest("gamma__greeting", Map.of("who", "Ada"))))
                .isInstanceOf(McpError.class)
                .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
    }

    @Test
    void shouldListTheResourcesOfEveryServerUnderTheirOwnUris() {
        assertThat(client.listResources().resources()).extracting(Resource::uri)
                .containsExactly("demo://alpha/readme", "demo://beta/readme");
    }

    @Test
    void shouldReadAResourceFromTheServerThatListedIt() {
        var result = client.readResource(new ReadResourceRequest("demo://beta/readme"));

        assertThat(((TextResourceContents) result.contents().get(0)).text()).isEqualTo("README of beta");
    }

    @Test
    void shouldListTheResourceTemplatesOfEveryServer() {
        assertThat(client.listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                .containsExactly("demo://alpha/notes/{topic}", "demo://beta/notes/{topic}");
    }

    @Test
    void shouldReadATemplatedResourceFromTheServerWhoseTemplateMatchesIt() {
        var result = client.readResource(new ReadResourceRequest("demo://beta/notes/kafka"));

        assertThat(((TextResourceContents) result.contents().get(0)).text()).isEqualTo("Notes on kafka from beta");
    }

    @Test
    void shouldCompleteAPromptArgumentOnTheServerThatOwnsThePrompt() {
        var result = client.completeCompletion(new CompleteRequest(new PromptReference("beta__greeting"), new CompleteArgument("who", "A")));

        assertThat(result.completion().values()).containsExactly("Ada@beta", "Alan@beta");
    }

    @Test
    void shouldCompleteATemplateArgumentOnTheServerThatOwnsTheTemplate() {
        var result = client.completeCompletion(new CompleteRequest(
                new ResourceReference("demo://alpha/notes/{topic}"), new CompleteArgument("topic", "k")));

        assertThat(result.completion().values()).containsExactly("kafka@alpha");
    }

    @Test
    void shouldAnswerACompletionForAnUnknownPromptWithInvalidParams() {
        assertThatThrownBy(() -> client.completeCompletion(new CompleteRequest(new PromptReference("gamma__greeting"), new CompleteArgument("who", "A"))))
                .isInstanceOf(McpError.class)
                .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
    }
}
