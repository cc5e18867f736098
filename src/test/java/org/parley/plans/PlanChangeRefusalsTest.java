package org.parley.plans;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A change the rules refuse says why and what the rules allow, for every reason: the range
 * quoted is the one actually offered, a single payment is said as one, and a plan left above
 * the client's plan limit (the rules changed since it was agreed) is told so.
 */
class PlanChangeRefusalsTest {

    private static final String CLIENT = PlanPatients.CLIENT;
    private static final String CHANGE_ASK = "What would you like to change? You can move the "
            + "payment day (\"move it to the 15th\"), pay another amount (\"$100 a month\"), "
            + "change the length (\"12 months\"), skip a payment, or cancel the plan.";

    @TempDir
    static Path data;
    static TestParley parley;
    static PlanRules demoRules;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        PlanPatients.owing(parley, "EH960001", "968.00");
        PlanPatients.english(parley, "EH960002", "", "EH960003", "");
        PlanPatients.spanish(parley, "EH960004", "");
        demoRules = parley.parley().services().settings().planRules(CLIENT).orElseThrow();
    }

    @AfterEach
    void demoRules() {
        rules(demoRules);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    /** Stores rules as they are, as an older data folder may hold them. */
    private static void rules(PlanRules rules) {
        parley.parley().services().settings().savePlanRules(CLIENT, rules);
    }

    private static PlanRules rules(String minimum, String upTo, int maxMonths) {
        return PlanRules.builder(new BigDecimal(minimum),
                List.of(new PlanRules.Tier(new BigDecimal(upTo), maxMonths))).build();
    }

    /** A verified chat whose patient agreed to the plan at {@code pick} of the list. */
    private static ChatClient withPlan(String locale, String identity, String pick, String yes) {
        ChatClient chat = PlanChats.verified(parley, locale, identity);
        PlanChats.agree(chat, pick, yes);
        return chat;
    }

    @Test
    void theRangeQuotedIsTheOneOfferedAndAskingForItsSmallestAmountGetsThatPlan() {
        try (ChatClient chat = withPlan("en", "EH960001 30307", "3", "yes")) {
            assertEquals(List.of("1 agreed: 12 x 80.66, last 80.74, 2027-01-03 to 2027-12-03"),
                    PlanStories.versions(parley.parley().services().plans()
                            .active(CLIENT, "EH960001").orElseThrow()));

            chat.say("can I pay $50 a month instead");
            chat.bot("That's more payments than your plan allows. You can choose from 1 to 12 "
                    + "payments, of $80.66 to $968.00 each.");
            chat.bot(CHANGE_ASK);

            chat.say("$80.66 a month");
            chat.bot("Here is your plan with that change: 12 payments of $80.66 (the last one "
                    + "$80.74) a month, $968.00 in all. The first is due January 3, 2027 and the "
                    + "last December 3, 2027.");
        }
    }

    @Test
    void aPlanLeftAboveTheClientsPlanLimitIsToldSoForALengthAndForAnAmount() {
        try (ChatClient chat = withPlan("en", "EH960002 30301", "3", "yes")) {
            rules(rules("1000.00", "500.00", 6));

            chat.say("make it 12 months");
            chat.bot("The $1,234.50 left on your plan is more than Example Health's limit of "
                    + "$500.00 for plans by message, so I can't change its amount or length here. "
                    + "You can still move the payment day.");
            chat.bot(CHANGE_ASK);

            chat.say("can I pay $1500 a month instead");
            chat.bot("The $1,234.50 left on your plan is more than Example Health's limit of "
                    + "$500.00 for plans by message, so I can't change its amount or length here. "
                    + "You can still move the payment day.");
            chat.bot(CHANGE_ASK);
        }
    }

    @Test
    void whenTheRulesAllowOnlyOnePaymentTheRefusalSaysSoInsteadOfARangeOfOne() {
        try (ChatClient chat = withPlan("en", "EH960003 30301", "3", "yes")) {
            rules(rules("1000.00", "5000.00", 6));

            chat.say("make it 12 months");
            chat.bot("That's more payments than your plan allows. You can pay the $1,234.50 left "
                    + "in one payment.");
            chat.bot(CHANGE_ASK);

            chat.say("can I pay $500 a month instead");
            chat.bot("Each payment needs to be at least $1,000.00. You can pay the $1,234.50 left "
                    + "in one payment.");
            chat.bot(CHANGE_ASK);
        }
    }

    @Test
    void spanishPatientIsToldTheOnePaymentTheRulesAllowInSpanish() {
        try (ChatClient chat = withPlan("es", "EH960004 30318", "5", "sí")) {
            rules(rules("2000.00", "5000.00", 6));

            chat.say("cambiar mi plan a 12 meses");
            chat.bot("Son más pagos de los que permite su plan. Puede pagar los $3,240.00 que "
                    + "quedan en un solo pago.");
        }
    }

    /** The refusal of a term too long, at each count whose wording differs somewhere. */
    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of("ar", 1,
                        "هذا عدد دفعات أكبر مما تسمح به خطتك. يمكنك سداد المبلغ "
                        + "المتبقي \u200F968.00\u00A0US$ في دفعة واحدة فقط."),
                Arguments.of("ar", 2,
                        "هذا عدد دفعات أكبر مما تسمح به خطتك. يمكنك اختيار دفعة "
                        + "واحدة أو دفعتين، بقيمة من \u200F80.66\u00A0US$ إلى "
                        + "\u200F968.00\u00A0US$ للدفعة."),
                Arguments.of("ar", 3,
                        "هذا عدد دفعات أكبر مما تسمح به خطتك. يمكنك اختيار من 1 إلى "
                        + "3 دفعات، بقيمة من \u200F80.66\u00A0US$ إلى "
                        + "\u200F968.00\u00A0US$ للدفعة."),
                Arguments.of("ar", 12,
                        "هذا عدد دفعات أكبر مما تسمح به خطتك. يمكنك اختيار من 1 إلى "
                        + "12 دفعة، بقيمة من \u200F80.66\u00A0US$ إلى "
                        + "\u200F968.00\u00A0US$ للدفعة."),
                Arguments.of("ar", 21,
                        "هذا عدد دفعات أكبر مما تسمح به خطتك. يمكنك اختيار من 1 إلى "
                        + "21 دفعة، بقيمة من \u200F80.66\u00A0US$ إلى "
                        + "\u200F968.00\u00A0US$ للدفعة."),
                Arguments.of("en", 1,
                        "That's more payments than your plan allows. You can pay the "
                        + "$968.00 left in one payment."),
                Arguments.of("en", 12,
                        "That's more payments than your plan allows. You can choose "
                        + "from 1 to 12 payments, of $80.66 to $968.00 each."),
                Arguments.of("es", 1,
                        "Son más pagos de los que permite su plan. Puede pagar los "
                        + "$968.00 que quedan en un solo pago."),
                Arguments.of("es", 12,
                        "Son más pagos de los que permite su plan. Puede elegir de 1 "
                        + "a 12 pagos, de $80.66 a $968.00 cada uno."),
                Arguments.of("ko", 1,
                        "계획에서 허용하는 횟수보다 많습니다. 남은 US$968.00은 한 번에 납부하셔야 합니다."),
                Arguments.of("ko", 12,
                        "계획에서 허용하는 횟수보다 많습니다. 1회부터 12회까지, 회당 US$80.66부터 US$968.00까지 "
                        + "선택하실 수 있습니다."),
                Arguments.of("ru", 1,
                        "Это больше платежей, чем допускает Ваш план. Оставшиеся "
                        + "968,00\u00A0$ можно оплатить только одним платежом."),
                Arguments.of("ru", 3,
                        "Это больше платежей, чем допускает Ваш план. Можно выбрать "
                        + "от 1 до 3 платежей, от 80,66\u00A0$ до 968,00\u00A0$ каждый."),
                Arguments.of("ru", 12,
                        "Это больше платежей, чем допускает Ваш план. Можно выбрать "
                        + "от 1 до 12 платежей, от 80,66\u00A0$ до 968,00\u00A0$ "
                        + "каждый."),
                Arguments.of("ru", 21,
                        "Это больше платежей, чем допускает Ваш план. Можно выбрать "
                        + "от 1 до 21 платежа, от 80,66\u00A0$ до 968,00\u00A0$ каждый."),
                Arguments.of("tl", 1,
                        "Mas marami iyan sa bilang ng bayad na pinapayagan ng inyong "
                        + "plan. Ang natitirang $968.00 ay mababayaran lang sa isang "
                        + "bayad."),
                Arguments.of("tl", 12,
                        "Mas marami iyan sa bilang ng bayad na pinapayagan ng inyong "
                        + "plan. Puwede kayong pumili ng 1 hanggang 12 bayad, na "
                        + "$80.66 hanggang $968.00 bawat isa."),
                Arguments.of("vi", 1,
                        "Số lần trả nhiều hơn mức kế hoạch cho phép. Số tiền còn lại "
                        + "968,00\u00A0US$ chỉ có thể trả một lần."),
                Arguments.of("vi", 12,
                        "Số lần trả nhiều hơn mức kế hoạch cho phép. Quý vị có thể "
                        + "chọn từ 1 đến 12 lần trả, mỗi lần từ 80,66\u00A0US$ đến "
                        + "968,00\u00A0US$."),
                Arguments.of("zh", 1,
                        "期数超出了您的计划允许的范围。剩余的US$968.00只能一次付清。"),
                Arguments.of("zh", 12,
                        "期数超出了您的计划允许的范围。您可以选择1到12期，每期US$80.66到US$968.00。"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ranges")
    void theRangeReadsRightForEveryCountInEveryLanguage(String language, int maxCount,
                                                        String expected) {
        Map<String, Object> args = new HashMap<>(Map.of("reason", "term_too_long",
                "maxCount", maxCount, "left", new BigDecimal("968.00"),
                "smallest", new BigDecimal("80.66"), "minimum", new BigDecimal("25.00"),
                "limit", new BigDecimal("10000.00"), "client", "Example Health",
                "frequency", "monthly", "skipsAllowed", 1, "skipsUsed", 0));

        assertEquals(expected, parley.parley().services().renderer().render(language, "US",
                "webchat", "plans.change_refused", args, "USD"));
    }
}
