package dev.mcpgw.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limit state and policy swaps on the real broker, with the decision stream stopped and started for real. */
class PolicyLifecycleIT {
    @TempDir
    Path temp;

    private static final long EVENT_TIME = 7_200_000L;
    private final String agent = "agent-" + UUID.randomUUID();
    private DecisionStreamApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldKeepCountingARateLimitAcrossARestartOnAFreshStateDirectory() throws Exception {
        publish("limit-2", limitedEcho(2));
        start("limit-2");
        assertThat(decide()).isEqualTo(Effect.ALLOW);
        assertThat(decide()).isEqualTo(Effect.ALLOW);

        app.close();
        start("limit-2");

        Decision third = decideFully();
        assertThat(third.getEffect()).isEqualTo(Effect.DENY);
        assertThat(third.getReasons()).singleElement().asString().contains("rate limit of rule echo-limited").contains("resets at");
    }

    @Test
    void shouldDecideTheNextIntentWithANewPolicyWithoutARestart() throws Exception {
        publish("limit-1", limitedEcho(1));
        start("limit-1");
        assertThat(decide()).isEqualTo(Effect.ALLOW);
        Decision limited = decideFully();
        assertThat(limited.getEffect()).isEqualTo(Effect.DENY);

        publish("limit-3", limitedEcho(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> app.activePolicyVersion().orElse("").equals("limit-3"));

        Decision next = decideFully();
        assertThat(next.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(next.getPolicyVersion()).isNotEqualTo(limited.getPolicyVersion());
    }

    private static String limitedEcho(int requests) {
        return """
                default: deny
                rules:
                  - id: echo-limited
                    effect: allow
                    tools: [echo]
                    rateLimit: {requests: %d, window: 1h}
                """.formatted(requests);
    }

    private static void publish(String version, String source) {
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument(version, source, 0L), 0L);
    }

    /** A new instance, on a state directory of its own: what it knows comes from Kafka. */
    private void start(String expectedPolicy) throws Exception {
        app = new DecisionStreamApp(DecisionStreamApp.Settings.defaults(SharedKafka.bootstrapServers(), Files.createTempDirectory(temp, "streams")));
        app.start();
        await().atMost(Duration.ofSeconds(60)).until(app::isRunning);
        await().atMost(Duration.ofSeconds(30)).until(() -> app.activePolicyVersion().orElse("").equals(expectedPolicy));
    }

    private Effect decide() {
        return decideFully().getEffect();
    }

    private Decision decideFully() {
        String id = UUID.randomUUID().toString();
        TopicIO.write(Topics.PROPOSE, agent, SampleIntents.intent().setIntentId(id).setAgent(SampleIntents.agent(agent))
                .setEventTime(EVENT_TIME).setReplyTo(new ReplyAddress("lifecycle-it", 3)).build(), EVENT_TIME);
        return TopicIO.readUntil(Topics.DECIDE, rs -> rs.stream().anyMatch(r -> r.key().equals(id)), Duration.ofSeconds(30))
                .stream().filter(r -> r.key().equals(id)).findFirst().orElseThrow().value();
    }
}
