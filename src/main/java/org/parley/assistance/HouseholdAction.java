package org.parley.assistance;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.OptionalInt;
import java.util.Set;

/** Takes the size of the patient's household from their answer, for an estimate. */
final class HouseholdAction implements Action {

    static final String SLOT = "household";

    private final HouseholdReader reader;

    HouseholdAction(HouseholdReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "read_household";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("read", "not_understood");
    }

    /** A number ("4", "-3", "two adults and two kids") answers the household question. */
    @Override
    public boolean claims(Turn turn) {
        return reader.read(turn.text(), turn.language()).isPresent()
                || turn.text().codePoints().anyMatch(Character::isDigit);
    }

    @Override
    public String run(Turn turn) {
        OptionalInt size = reader.read(turn.text(), turn.language());
        if (size.isEmpty()) {
            return "not_understood";
        }
        turn.slots().put(SLOT, Integer.toString(size.getAsInt()));
        return "read";
    }
}
