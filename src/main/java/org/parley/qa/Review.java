package org.parley.qa;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A reviewer's scorecard of one conversation and the comments pinned to its messages.
 *
 * @param answers by scorecard item id; empty until someone scores it
 * @param score   the result of the answers, when scored
 * @param version rises with every change, so that two reviewers cannot overwrite each other
 */
record Review(String conversationId, String clientId, Map<String, Answer> answers,
              Optional<Score> score, Optional<String> reviewerId, Optional<Instant> reviewedAt,
              List<Comment> comments, long version) {

    Review {
        answers = Map.copyOf(answers);
        comments = List.copyOf(comments);
    }

    /** An answer to one scorecard item. */
    enum Answer {
        YES, NO, NOT_APPLICABLE;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Answer> parse(String text) {
            for (Answer a : values()) {
                if (a.wire().equals(text)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * What the answers come to: the points of the items answered yes out of those answered yes
     * or no, as a whole percent rounded half up (100 when every item is not applicable), or 0
     * when a critical item was answered no.
     */
    record Score(int percent, boolean criticalFailed) {
    }

    /** A reviewer's comment on the message {@code seq}. */
    record Comment(String id, long seq, String text, String authorId, Instant at) {
    }

    /** Scores {@code answers}, which name every item of {@code settings}' scorecard. */
    static Score score(QaSettings settings, Map<String, Answer> answers) {
        int possible = 0;
        int got = 0;
        boolean failed = false;
        for (QaSettings.Item item : settings.items()) {
            Answer a = answers.get(item.id());
            if (a == Answer.YES) {
                possible += item.weight();
                got += item.weight();
            } else if (a == Answer.NO) {
                possible += item.weight();
                failed |= item.critical();
            }
        }
        if (failed) {
            return new Score(0, true);
        }
        if (possible == 0) {
            return new Score(100, false);
        }
        int percent = BigDecimal.valueOf(got * 100L)
                .divide(BigDecimal.valueOf(possible), 0, RoundingMode.HALF_UP).intValue();
        return new Score(percent, false);
    }
}
