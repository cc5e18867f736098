package org.parley.outreach.campaign;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.FakeTwilio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A campaign survives its process being killed: a Parley in a child JVM starts texting 200
 * accounts, is killed with no shutdown when some but not all are texted, and a new child on the
 * same data folder finishes; every account is texted exactly once, those whose texts Twilio took
 * in the instant of the kill included.
 */
class CampaignCrashRestartTest {

    private static final int ACCOUNTS = 200;
    /** Campaign day 1, noon in Atlanta: inside every account's contact hours. */
    private static final String FIRST_START = "2026-12-07T17:00:00Z";
    /** Later than every lease the killed child held (sends 2 min, jobs 1 min). */
    private static final String SECOND_START = "2026-12-07T17:10:00Z";

    @TempDir
    Path data;
    FakeTwilio twilio = FakeTwilio.start();
    List<Process> children = new ArrayList<>();

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        twilio.close();
    }

    /**
     * @param takenBeforeKill texts Twilio answers before the kill; the next ones it takes
     *     without answering. 1: killed in the campaign's first instants, while the sender's
     *     passes are all saying their first texts and the store commits under them.
     */
    @ParameterizedTest(name = "killed after {0} texts")
    @ValueSource(ints = {1, 20})
    void aCampaignKilledMidwayWithATextInTwiliosHandsAndRestartedTextsEveryAccountExactlyOnce(
            int takenBeforeKill) throws Exception {
        // From the 21st text on, Twilio takes each text but keeps its answer: the child is
        // killed while it waits, so it never stores what became of that text.
        twilio.holdAnswersAfter(takenBeforeKill);
        Process first = child(FIRST_START, "setup", String.valueOf(ACCOUNTS));
        awaitPhones(first, takenBeforeKill + 1, Duration.ofSeconds(120));
        first.destroyForcibly();
        first.waitFor();
        twilio.releaseAnswers();
        int afterKill = twilio.requests().size();
        assertTrue(afterKill < ACCOUNTS, "The first child finished (" + afterKill
                + " texts) before it could be killed; slow its throughput");

        Process second = child(SECOND_START);
        awaitPhones(second, ACCOUNTS, Duration.ofSeconds(120));

        Map<String, Long> perPhone = twilio.requests().stream().collect(Collectors.groupingBy(
                FakeTwilio.Request::to, TreeMap::new, Collectors.counting()));
        Set<String> expected = IntStream.range(0, ACCOUNTS).mapToObj(CampaignChild::phone)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, perPhone.keySet(), "every account texted, no one else");
        Map<String, Long> twice = new TreeMap<>(perPhone);
        twice.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), twice, "killed after " + afterKill + " texts; texted more than "
                + "once");
        // The second child looked each text the first left in doubt up in Twilio's list.
        assertTrue(twilio.lists().size() >= afterKill - takenBeforeKill,
                "lookups: " + twilio.lists().size() + ", texts in doubt at the kill: "
                        + (afterKill - takenBeforeKill));
    }

    private Process child(String start, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                CampaignChild.class.getName(), data.toString(), twilio.baseUrl(), start));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("child-" + children.size() + ".log").toFile())
                .start();
        children.add(p);
        return p;
    }

    /**
     * Waits until FakeTwilio has texted {@code count} different phones. The work happens in
     * another process, so there is nothing to join: the loop polls with a short park, bounded by
     * {@code timeout}.
     */
    private int awaitPhones(Process child, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (phones() < count) {
            if (!child.isAlive()) {
                throw new AssertionError("The child Parley exited with " + child.exitValue()
                        + " after " + twilio.requests().size() + " texts; see its log in "
                        + data);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + phones() + " of " + count
                        + " phones texted within " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
        return twilio.requests().size();
    }

    private long phones() {
        return twilio.requests().stream().map(FakeTwilio.Request::to).distinct().count();
    }
}
