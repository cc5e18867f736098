package org.parley.plans;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Message;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan set up, changed and cancelled in each of the eight languages, in the patient's own
 * words for the change and the cancellation: every message renders with all its arguments and
 * every step is understood.
 */
class PlanLanguagesTest {

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        PlanPatients.english(parley, "EH950001", "", "EH950002", "", "EH950003", "",
                "EH950004", "", "EH950005", "", "EH950006", "", "EH950007", "", "EH950008", "");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ar | EH950001 | نعم | $200 شهريًا      | إلغاء خطتي
            en | EH950002 | yes | $200 a month      | cancel my plan
            es | EH950003 | sí  | $200 al mes       | cancelar mi plan
            ko | EH950004 | 네  | 매월 $200          | 계획 취소
            ru | EH950005 | да  | $200 в месяц      | отменить план
            tl | EH950006 | oo  | $200 kada buwan   | kanselahin ang plan ko
            vi | EH950007 | có  | $200 mỗi tháng    | hủy kế hoạch
            zh | EH950008 | 是  | 每月$200           | 取消计划
            """)
    void aPlanIsSetUpChangedAndCancelledInTheLanguage(String language, String account,
                                                      String yes, String amount, String cancel) {
        ConversationService conversations = parley.parley().services().conversations();
        String id = conversations.start(PlanPatients.CLIENT, "webchat", language)
                .conversation().id();
        List<Message> said = new ArrayList<>();
        for (String text : List.of("3", account + " 30301", "1", yes, "3", amount, yes, "3",
                cancel, yes)) {
            said.addAll(conversations.receive(id, UUID.randomUUID().toString(), text)
                    .messages());
        }

        Plan plan = parley.parley().services().plans().plans(PlanPatients.CLIENT, account)
                .getFirst();
        assertEquals(List.of(
                "1 agreed: 3 x 411.50, 2027-01-03 to 2027-03-03",
                "2 new_amount 200.00: 7 x 176.35, last 176.40, 2027-01-03 to 2027-07-03"),
                PlanStories.versions(plan));
        assertEquals(Plan.Status.CANCELLED, plan.status());
        assertEquals(language, plan.current().terms().language());
        List<String> keys = said.stream().filter(m -> m.from().equals("bot"))
                .map(m -> m.key().orElse("")).toList();
        assertEquals(List.of("plans.agreed", "plans.changed", "plans.cancelled"), keys.stream()
                .filter(List.of("plans.agreed", "plans.changed", "plans.cancelled")::contains)
                .toList());
        for (Message m : said) {
            assertFalse(m.text().contains("{") || m.text().contains("}"),
                    "an argument was not rendered: " + m.text());
            assertTrue(!m.text().isBlank(), "an empty message after " + m.key());
        }
    }
}
