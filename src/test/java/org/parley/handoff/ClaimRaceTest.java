package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.ConversationService;
import org.parley.testing.AgentClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two agents claiming one conversation at the same moment: exactly one gets it, every time. */
class ClaimRaceTest {

    private static final int ROUNDS = 100;

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        AgentClient.member(parley, "kim@example-health.test", "Kim Agent", "\"agent\"", "\"en\"");
        AgentClient.member(parley, "lee@example-health.test", "Lee Agent", "\"agent\"", "\"en\"");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void twoAgentsClaimingTheSameConversationAtOnceEndWithExactlyOneHoldingIt() throws Exception {
        ConversationService conversations = parley.parley().services().conversations();
        try (AgentClient kim = AgentClient.connect(parley, "kim@example-health.test");
             AgentClient lee = AgentClient.connect(parley, "lee@example-health.test")) {
            for (int round = 1; round <= ROUNDS; round++) {
                String id = conversations.start("example-health", "webchat", "en")
                        .conversation().id();
                conversations.receive(id, "m-" + round, "talk to a person");

                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<JsonNode> first = claimAfter(together, kim, id);
                CompletableFuture<JsonNode> second = claimAfter(together, lee, id);
                List<String> outcomes = Stream.of(first.get(), second.get())
                        .map(f -> f.get("type").asText()).sorted().toList();

                assertEquals(List.of("context", "taken"), outcomes, "round " + round);
                String winner = first.get().get("type").asText().equals("context")
                        ? kim.id() : lee.id();
                assertEquals(winner, parley.parley().services().handoffs().store().find(id)
                        .orElseThrow().agentId().orElseThrow(), "round " + round);
            }
        }
    }

    private static CompletableFuture<JsonNode> claimAfter(CyclicBarrier together,
                                                          AgentClient agent, String id) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return agent.claim(id);
        });
    }
}
