package org.parley.assistance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The application state machine, move by move: every pair of states, allowed or refused, with
 * the exact error a client reads for a refused move.
 */
class ApplicationStatusTest {

    /** The allowed moves, written out here as the issue lists them. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "requested", List.of("sent", "received", "withdrawn"),
            "sent", List.of("received", "withdrawn"),
            "received", List.of("incomplete", "under_review", "approved", "denied", "withdrawn"),
            "incomplete", List.of("received", "incomplete", "under_review", "approved", "denied",
                    "withdrawn"),
            "under_review", List.of("incomplete", "approved", "denied", "withdrawn"),
            "approved", List.of(),
            "denied", List.of(),
            "withdrawn", List.of());

    static Stream<Arguments> everyMove() {
        List<Arguments> moves = new ArrayList<>();
        for (ApplicationStatus from : ApplicationStatus.values()) {
            for (ApplicationStatus to : ApplicationStatus.values()) {
                moves.add(Arguments.of(from.code(), to.code()));
            }
        }
        return moves.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyMove")
    void aMoveIsAllowedExactlyWhenTheStateMachineSaysSo(String from, String to) {
        ApplicationStatus current = ApplicationStatus.of(from).orElseThrow();
        ApplicationStatus target = ApplicationStatus.of(to).orElseThrow();

        assertEquals(ALLOWED.get(from).contains(to), current.canMoveTo(target));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyMove")
    void aRefusedMoveNamesTheCurrentStateAndTheMovesItAllows(String from, String to) {
        ApplicationStatus current = ApplicationStatus.of(from).orElseThrow();
        ApplicationStatus target = ApplicationStatus.of(to).orElseThrow();
        if (current.canMoveTo(target)) {
            return;
        }

        String expected = ALLOWED.get(from).isEmpty()
                ? "Application FA-1001 is " + from + ", which is final; it cannot move to " + to
                        + ". A new application is needed for a new decision."
                : "Application FA-1001 is " + from + "; it cannot move to " + to + ". From "
                        + from + " it can move to: " + String.join(", ", order(ALLOWED.get(from)))
                        + ".";
        MoveRefused refused = new MoveRefused("FA-1001", current, target);

        assertEquals(expected, refused.getMessage());
        assertEquals(Map.of("application", "FA-1001", "current", from, "requested", to,
                "allowed", order(ALLOWED.get(from))), refused.detail());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void onlyApprovedDeniedAndWithdrawnAreFinal(String state) {
        boolean fin = List.of("approved", "denied", "withdrawn").contains(state);

        assertEquals(!fin, ApplicationStatus.of(state).orElseThrow().pending());
    }

    static Stream<String> states() {
        return ApplicationStatus.codes().stream();
    }

    /** In the order the states are declared, as messages list them. */
    private static List<String> order(List<String> states) {
        return Arrays.stream(ApplicationStatus.values()).map(ApplicationStatus::code)
                .filter(states::contains).toList();
    }
}
