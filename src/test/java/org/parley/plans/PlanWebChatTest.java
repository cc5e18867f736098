package org.parley.plans;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Payment plans set up and changed over web chat, in English and Spanish, read like
 * transcripts; each conversation's stored plan is checked version by version.
 */
class PlanWebChatTest {

    private static final String CLIENT = PlanPatients.CLIENT;

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        PlanPatients.english(parley, "EH910001", "", "EH910002", "");
        PlanPatients.english(parley, "EH910003", "", "EH910004", "");
        PlanPatients.spanish(parley, "EH920001", "", "EH920002", "");
        PlanPatients.owing(parley, "EH910005", "12000.00");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    private static PlanStore plans() {
        return parley.parley().services().plans();
    }

    private static ChatClient open(String locale) {
        ChatClient chat = parley.chat();
        chat.start(locale);
        chat.nextMessage();
        chat.nextMessage();
        return chat;
    }

    /** The audit log's events about the chat's conversation, oldest first. */
    private static List<String> audited(ChatClient chat) {
        return parley.parley().services().audit().forConversation(chat.conversationId()).stream()
                .map(org.parley.audit.AuditLog.Entry::event).toList();
    }

    private static void englishOffers(ChatClient chat) {
        chat.bot("Here are the monthly plans I can offer for your balance of $1,234.50 (say "
                + "\"every two weeks\" for plans paid every two weeks):");
        chat.bot("1. 3 months: 3 payments of $411.50");
        chat.bot("2. 6 months: 6 payments of $205.75");
        chat.bot("3. 12 months: 12 payments of $102.87, the last $102.93");
        chat.bot("Reply with the number of the plan you'd like, or tell me what you can pay, for "
                + "example \"$75 a month\".");
    }

    private static void spanishOffers(ChatClient chat) {
        chat.bot("Estos son los planes mensuales que puedo ofrecerle para su saldo de $3,240.00 "
                + "(diga \"cada dos semanas\" para ver planes con pagos cada dos semanas):");
        chat.bot("1. 3 meses: 3 pagos de $1,080.00");
        chat.bot("2. 6 meses: 6 pagos de $540.00");
        chat.bot("3. 12 meses: 12 pagos de $270.00");
        chat.bot("4. 18 meses: 18 pagos de $180.00");
        chat.bot("5. 24 meses: 24 pagos de $135.00");
        chat.bot("Responda con el número del plan que prefiera, o dígame cuánto puede pagar, por "
                + "ejemplo \"$75 al mes\".");
    }

    @Test
    void englishPatientSaysNoToOneOfferedPlanThenAgreesToAnother() {
        try (ChatClient chat = open("en")) {
            chat.say("I'd like a payment plan");
            chat.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP code.");
            chat.say("EH910001 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            englishOffers(chat);

            chat.say("the 6 month one");
            chat.bot("Here are the terms of your plan: 6 payments of $205.75 a month, $1,234.50 in "
                    + "all. The first is due January 3, 2027 and the last June 3, 2027.");
            chat.bot("Do you agree to these terms? Reply YES to agree, or NO to see the other plans.");
            chat.say("no");
            chat.bot("No problem, I haven't set anything up.");
            englishOffers(chat);
            assertEquals(List.of(), plans().plans(CLIENT, "EH910001"));

            chat.say("1");
            chat.bot("Here are the terms of your plan: 3 payments of $411.50 a month, $1,234.50 in "
                    + "all. Due dates:");
            chat.bot("January 3, 2027: $411.50");
            chat.bot("February 3, 2027: $411.50");
            chat.bot("March 3, 2027: $411.50");
            chat.bot("Do you agree to these terms? Reply YES to agree, or NO to see the other plans.");
            long yes = chat.say("yes-1", "yes");
            chat.bot("Thank you, your payment plan is set up. Your first payment of $411.50 is due "
                    + "January 3, 2027.");
            chat.bot("Is there anything else I can help you with?");

            Plan plan = plans().active(CLIENT, "EH910001").orElseThrow();
            assertEquals(List.of("1 agreed: 3 x 411.50, 2027-01-03 to 2027-03-03"),
                    PlanStories.versions(plan));
            PlanVersion agreed = plan.current();
            assertEquals("""
                    Here are the terms of your plan: 3 payments of $411.50 a month, $1,234.50 in \
                    all. Due dates:
                    January 3, 2027: $411.50
                    February 3, 2027: $411.50
                    March 3, 2027: $411.50
                    Do you agree to these terms? Reply YES to agree, or NO to see the other \
                    plans.""", agreed.terms().text());
            assertEquals("en webchat", agreed.terms().language() + " " + agreed.terms().channel());
            assertEquals("webchat " + yes + " yes", PlanStories.yes(agreed.agreement()));
            assertEquals(chat.conversationId(), agreed.agreement().conversationId());
            assertEquals(TestParley.NOW, agreed.agreement().at());
            assertEquals(parley.parley().services().settings().planRules(CLIENT).orElseThrow(),
                    agreed.rules());
            assertEquals(List.of("balance_disclosed", "balance_disclosed", "balance_disclosed",
                    "balance_disclosed", "plan_agreed"), audited(chat));
        }
    }

    @Test
    void englishPatientTakesACounterOfferMovesTheDayPaysMoreIsRefusedLessAndCancels() {
        try (ChatClient chat = open("en")) {
            chat.say("payment plan");
            chat.nextMessage();
            chat.say("EH910002 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            englishOffers(chat);

            chat.say("I can do $20 a month");
            chat.bot("Each payment needs to be at least $25.00, so that doesn't fit. This is the "
                    + "closest plan I can offer.");
            chat.bot("Here are the terms of your plan: 12 payments of $102.87 (the last one "
                    + "$102.93) a month, $1,234.50 in all. The first is due January 3, 2027 and "
                    + "the last December 3, 2027.");
            chat.bot("Do you agree to these terms? Reply YES to agree, or NO to see the other plans.");
            chat.say("yes");
            chat.bot("Thank you, your payment plan is set up. Your first payment of $102.87 is due "
                    + "January 3, 2027.");
            chat.bot("Is there anything else I can help you with?");

            chat.say("move my payment to the 15th");
            chat.bot("Here is your plan with that change: 12 payments of $102.87 (the last one "
                    + "$102.93) a month, $1,234.50 in all. The first is due January 15, 2027 and "
                    + "the last December 15, 2027.");
            chat.bot("Do you agree to this change? Reply YES to agree, or NO to keep your plan as "
                    + "it is.");
            chat.say("yes");
            chat.bot("Done, your plan is updated. Your next payment of $102.87 is due January 15, "
                    + "2027.");
            chat.bot("Is there anything else I can help you with?");

            chat.say("can I pay $200 a month instead");
            chat.bot("7 payments of $200.00 would be more than the $1,234.50 left, so I have made "
                    + "them equal to add up to exactly that.");
            chat.bot("Here is your plan with that change: 7 payments of $176.35 (the last one "
                    + "$176.40) a month, $1,234.50 in all. The first is due January 15, 2027 and "
                    + "the last July 15, 2027.");
            chat.bot("Do you agree to this change? Reply YES to agree, or NO to keep your plan as "
                    + "it is.");
            long yes = chat.say("yes-3", "yes");
            chat.bot("Done, your plan is updated. Your next payment of $176.35 is due January 15, "
                    + "2027.");
            chat.bot("Is there anything else I can help you with?");

            chat.say("can I pay $50 a month instead");
            chat.bot("That's more payments than your plan allows. You can choose from 1 to 12 "
                    + "payments, of $102.87 to $1,234.50 each.");
            chat.bot("What would you like to change? You can move the payment day (\"move it to "
                    + "the 15th\"), pay another amount (\"$100 a month\"), change the length (\"12 "
                    + "months\"), skip a payment, or cancel the plan.");
            Plan changed = plans().active(CLIENT, "EH910002").orElseThrow();
            assertEquals(List.of(
                    "1 agreed: 12 x 102.87, last 102.93, 2027-01-03 to 2027-12-03",
                    "2 move_day 15: 12 x 102.87, last 102.93, 2027-01-15 to 2027-12-15",
                    "3 new_amount 200.00: 7 x 176.35, last 176.40, 2027-01-15 to 2027-07-15"),
                    PlanStories.versions(changed));
            assertEquals("""
                    7 payments of $200.00 would be more than the $1,234.50 left, so I have made \
                    them equal to add up to exactly that.
                    Here is your plan with that change: 7 payments of $176.35 (the last one \
                    $176.40) a month, $1,234.50 in all. The first is due January 15, 2027 and \
                    the last July 15, 2027.
                    Do you agree to this change? Reply YES to agree, or NO to keep your plan as \
                    it is.""", changed.current().terms().text());
            assertEquals("webchat " + yes + " yes",
                    PlanStories.yes(changed.current().agreement()));

            chat.say("cancel my plan");
            chat.bot("If you cancel your payment plan, the $1,234.50 left on it will no longer be "
                    + "split into payments.");
            chat.bot("Do you want to cancel your payment plan? Reply YES to cancel it, or NO to "
                    + "keep it.");
            long cancel = chat.say("yes-4", "yes");
            chat.bot("Your payment plan is cancelled. If you'd like a new one, just ask.");
            chat.bot("Is there anything else I can help you with?");

            assertEquals(Optional.empty(), plans().active(CLIENT, "EH910002"));
            Plan cancelled = plans().plans(CLIENT, "EH910002").getFirst();
            assertEquals(Plan.Status.CANCELLED, cancelled.status());
            assertEquals(3, cancelled.versions().size());
            assertEquals("webchat " + cancel + " yes", PlanStories.yes(
                    cancelled.statusChanges().getLast().agreement().orElseThrow()));
        }
    }

    @Test
    void spanishPatientSaysNoToOneOfferedPlanThenAgreesToAnother() {
        try (ChatClient chat = open("es")) {
            chat.say("quiero un plan de pagos");
            chat.bot("Primero necesito confirmar su identidad. Envíe su fecha de nacimiento y su "
                    + "apellido (por ejemplo: 14/03/1985 Rivera), o su número de cuenta y su "
                    + "código postal.");
            chat.say("EH920001 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            spanishOffers(chat);

            chat.say("la segunda");
            chat.bot("Estas son las condiciones de su plan: 6 pagos de $540.00 al mes, $3,240.00 "
                    + "en total. El primero vence el 3 de enero de 2027 y el último el 3 de junio "
                    + "de 2027.");
            chat.bot("¿Acepta estas condiciones? Responda SÍ para aceptar, o NO para ver los otros "
                    + "planes.");
            chat.say("no");
            chat.bot("No hay problema, no he establecido nada.");
            spanishOffers(chat);

            chat.say("el de 12 meses");
            chat.bot("Estas son las condiciones de su plan: 12 pagos de $270.00 al mes, $3,240.00 "
                    + "en total. El primero vence el 3 de enero de 2027 y el último el 3 de "
                    + "diciembre de 2027.");
            chat.bot("¿Acepta estas condiciones? Responda SÍ para aceptar, o NO para ver los otros "
                    + "planes.");
            long yes = chat.say("si-1", "sí");
            chat.bot("Gracias, su plan de pagos quedó establecido. Su primer pago, de $270.00, "
                    + "vence el 3 de enero de 2027.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            Plan plan = plans().active(CLIENT, "EH920001").orElseThrow();
            assertEquals(List.of("1 agreed: 12 x 270.00, 2027-01-03 to 2027-12-03"),
                    PlanStories.versions(plan));
            assertEquals("""
                    Estas son las condiciones de su plan: 12 pagos de $270.00 al mes, $3,240.00 \
                    en total. El primero vence el 3 de enero de 2027 y el último el 3 de \
                    diciembre de 2027.
                    ¿Acepta estas condiciones? Responda SÍ para aceptar, o NO para ver los otros \
                    planes.""", plan.current().terms().text());
            assertEquals("es", plan.current().terms().language());
            assertEquals("webchat " + yes + " sí", PlanStories.yes(plan.current().agreement()));
        }
    }

    @Test
    void spanishPatientTakesACounterOfferMovesTheDayPaysMoreIsRefusedLessAndCancels() {
        try (ChatClient chat = open("es")) {
            chat.say("plan de pagos");
            chat.nextMessage();
            chat.say("EH920002 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            spanishOffers(chat);

            chat.say("puedo pagar $20 al mes");
            chat.bot("Cada pago debe ser de al menos $25.00, así que eso no es posible. Este es el "
                    + "plan más parecido que puedo ofrecerle.");
            chat.bot("Estas son las condiciones de su plan: 24 pagos de $135.00 al mes, $3,240.00 "
                    + "en total. El primero vence el 3 de enero de 2027 y el último el 3 de "
                    + "diciembre de 2028.");
            chat.bot("¿Acepta estas condiciones? Responda SÍ para aceptar, o NO para ver los otros "
                    + "planes.");
            chat.say("sí");
            chat.bot("Gracias, su plan de pagos quedó establecido. Su primer pago, de $135.00, "
                    + "vence el 3 de enero de 2027.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            chat.say("cambiar mi pago al día 15");
            chat.bot("Así quedaría su plan con ese cambio: 24 pagos de $135.00 al mes, $3,240.00 "
                    + "en total. El primero vence el 15 de enero de 2027 y el último el 15 de "
                    + "diciembre de 2028.");
            chat.bot("¿Acepta este cambio? Responda SÍ para aceptar, o NO para dejar su plan como "
                    + "está.");
            chat.say("sí");
            chat.bot("Listo, su plan quedó actualizado. Su próximo pago, de $135.00, vence el 15 de "
                    + "enero de 2027.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            chat.say("¿puedo pagar $300 al mes?");
            chat.bot("11 pagos de $300.00 sumarían más que los $3,240.00 que quedan, así que los "
                    + "igualé para que sumen exactamente eso.");
            chat.bot("Así quedaría su plan con ese cambio: 11 pagos de $294.54 (el último, "
                    + "$294.60) al mes, $3,240.00 en total. El primero vence el 15 de enero de "
                    + "2027 y el último el 15 de noviembre de 2027.");
            chat.bot("¿Acepta este cambio? Responda SÍ para aceptar, o NO para dejar su plan como "
                    + "está.");
            chat.say("sí");
            chat.bot("Listo, su plan quedó actualizado. Su próximo pago, de $294.54, vence el 15 de "
                    + "enero de 2027.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            chat.say("¿puedo pagar $100 al mes?");
            chat.bot("Son más pagos de los que permite su plan. Puede elegir de 1 a 24 pagos, de "
                    + "$135.00 a $3,240.00 cada uno.");
            chat.bot("¿Qué desea cambiar? Puede mover el día de pago (\"páselo al día 15\"), pagar "
                    + "otro monto (\"$100 al mes\"), cambiar la duración (\"12 meses\"), saltar un "
                    + "pago o cancelar el plan.");
            assertEquals(List.of(
                    "1 agreed: 24 x 135.00, 2027-01-03 to 2028-12-03",
                    "2 move_day 15: 24 x 135.00, 2027-01-15 to 2028-12-15",
                    "3 new_amount 300.00: 11 x 294.54, last 294.60, 2027-01-15 to 2027-11-15"),
                    PlanStories.versions(plans().active(CLIENT, "EH920002").orElseThrow()));

            chat.say("cancelar mi plan");
            chat.bot("Si cancela su plan de pagos, los $3,240.00 que quedan ya no se dividirán en "
                    + "pagos.");
            chat.bot("¿Desea cancelar su plan de pagos? Responda SÍ para cancelarlo, o NO para "
                    + "conservarlo.");
            chat.say("sí");
            chat.bot("Su plan de pagos quedó cancelado. Si desea uno nuevo, solo pídalo.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            Plan cancelled = plans().plans(CLIENT, "EH920002").getFirst();
            assertEquals(Plan.Status.CANCELLED, cancelled.status());
            assertEquals("patient_cancelled", cancelled.statusChanges().getLast().reason());
        }
    }

    @Test
    void englishPatientSkipsOnceIsToldTheSkipIsUsedUpAndShortensThePlan() {
        try (ChatClient chat = open("en")) {
            chat.say("payment plan");
            chat.nextMessage();
            chat.say("EH910003 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            englishOffers(chat);
            chat.say("3");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("yes");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("skip this month's payment");
            chat.bot("Here is your plan with that change: 12 payments of $102.87 (the last one "
                    + "$102.93) a month, $1,234.50 in all. The first is due February 3, 2027 and "
                    + "the last January 3, 2028.");
            chat.bot("Do you agree to this change? Reply YES to agree, or NO to keep your plan as "
                    + "it is.");
            chat.say("yes");
            chat.bot("Done, your plan is updated. Your next payment of $102.87 is due February 3, "
                    + "2027.");
            chat.bot("Is there anything else I can help you with?");

            chat.say("can I skip a payment");
            chat.bot("You've already skipped the payment your plan allows.");
            chat.bot("What would you like to change? You can move the payment day (\"move it to "
                    + "the 15th\"), pay another amount (\"$100 a month\"), change the length (\"12 "
                    + "months\"), skip a payment, or cancel the plan.");
            chat.say("6 months");
            chat.bot("Here is your plan with that change: 6 payments of $205.75 a month, $1,234.50 "
                    + "in all. The first is due February 3, 2027 and the last July 3, 2027.");
            chat.nextMessage();
            chat.say("yes");
            chat.bot("Done, your plan is updated. Your next payment of $205.75 is due February 3, "
                    + "2027.");

            Plan plan = plans().active(CLIENT, "EH910003").orElseThrow();
            assertEquals(List.of(
                    "1 agreed: 12 x 102.87, last 102.93, 2027-01-03 to 2027-12-03",
                    "2 skip: 12 x 102.87, last 102.93, 2027-02-03 to 2028-01-03",
                    "3 new_term 6: 6 x 205.75, 2027-02-03 to 2027-07-03"),
                    PlanStories.versions(plan));
            assertEquals(PlanInstallment.State.DUE,
                    plan.versions().getFirst().installments().getFirst().state());
            assertEquals(PlanInstallment.State.SKIPPED,
                    plan.versions().get(1).skipped().orElseThrow().state());
            assertEquals(1, plan.schedule().skipsUsed());
        }
    }

    @Test
    void planDetailsAreShownOnlyAfterIdentityIsConfirmed() {
        try (ChatClient first = open("en")) {
            first.say("payment plan");
            first.nextMessage();
            first.say("EH910004 30301");
            first.bot("Thank you, Alex. I've confirmed your identity.");
            englishOffers(first);
            first.say("1");
            first.nextMessage();
            first.nextMessage();
            first.nextMessage();
            first.nextMessage();
            first.nextMessage();
            first.say("yes");
        }

        try (ChatClient chat = open("en")) {
            chat.say("move my payment to the 15th");
            chat.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP code.");
            chat.say("EH910004 99999");
            chat.bot("That doesn't match our records. You have 2 more tries. Please send your date "
                    + "of birth and last name, or your account number and ZIP code.");
            assertEquals(List.of(), audited(chat));
            chat.say("EH910004 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            // What was asked before verifying is answered once the patient is verified.
            chat.bot("Here is your plan with that change: 3 payments of $411.50 a month, $1,234.50 "
                    + "in all. Due dates:");
            chat.bot("January 15, 2027: $411.50");
            chat.bot("February 15, 2027: $411.50");
            chat.bot("March 15, 2027: $411.50");
            chat.bot("Do you agree to this change? Reply YES to agree, or NO to keep your plan as "
                    + "it is.");
            assertEquals(List.of("balance_disclosed", "balance_disclosed"), audited(chat));
        }
        assertEquals(1, plans().active(CLIENT, "EH910004").orElseThrow().versions().size());
    }

    @Test
    void aBalanceAboveThePlanLimitIsToldSoAndAPersonIsOffered() {
        try (ChatClient chat = open("en")) {
            chat.say("can I get a payment plan");
            chat.nextMessage();
            chat.say("EH910005 30307");
            chat.bot("Thank you, Sam. I've confirmed your identity.");
            chat.bot("Your balance of $12,000.00 is more than Example Health can set up as a "
                    + "payment plan by message.");
            chat.bot("Would you like a person from Example Health to help you with a payment plan? "
                    + "Reply YES or NO.");
            chat.say("yes");
            chat.bot("I've asked a person from Example Health to join this conversation. They will "
                    + "reach out here shortly, or you can call (555) 010-0199.");
            chat.bot("A person usually answers within 4 minutes. Anything you write here until "
                    + "then reaches them.");

            assertEquals("needs_agent", parley.parley().services().conversations()
                    .find(chat.conversationId()).orElseThrow().status());
            assertEquals(List.of(), plans().plans(CLIENT, "EH910005"));
        }
    }
}
