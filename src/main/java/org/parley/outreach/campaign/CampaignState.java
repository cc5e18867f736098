package org.parley.outreach.campaign;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a campaign stands. A new campaign is {@code scheduled} until its start day, then
 * {@code running}; a client may pause it (and resume it) and cancel it; after its end day it is
 * {@code ended}. Cancelled and ended are final.
 */
public enum CampaignState {
    SCHEDULED, RUNNING, PAUSED, CANCELLED, ENDED;

    /** What a client may ask for, by the word in the route: pause, resume or cancel. */
    public enum Move {
        PAUSE, RESUME, CANCEL;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The move named {@code code}, or empty. */
        public static Optional<Move> parse(String code) {
            for (Move m : values()) {
                if (m.code().equals(code)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    private static final Map<CampaignState, List<Move>> ALLOWED = Map.of(
            SCHEDULED, List.of(Move.PAUSE, Move.CANCEL),
            RUNNING, List.of(Move.PAUSE, Move.CANCEL),
            PAUSED, List.of(Move.RESUME, Move.CANCEL),
            CANCELLED, List.of(),
            ENDED, List.of());

    /** The lower-case name stored and shown, such as {@code running}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CampaignState parse(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The moves a client may make from this state, in the order the API lists them. */
    public List<Move> allowed() {
        return ALLOWED.get(this);
    }

    /** True while the hourly job still has work to do for the campaign. */
    public boolean live() {
        return this == SCHEDULED || this == RUNNING;
    }
}
