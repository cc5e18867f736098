package org.parley.assistance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.BadInputException;
import org.parley.billing.Encounter;
import org.parley.billing.ImportResult;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applications below the web layer: opening one per account, moves with what each status
 * needs, the approval's discount on the balance and what the next balance file does to it, and
 * the pause of collection messages.
 */
class ApplicationsTest {

    @TempDir
    Path dir;
    AssistanceFixture fx;

    @BeforeEach
    void open() {
        fx = new AssistanceFixture(dir);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void applicationsAreNumberedPerClientAndStartAsSentWithTheirLink() {
        Application first = fx.apply("EH100234");
        Application second = fx.apply("EH100587");

        assertEquals("FA-1001 sent https://apply.example-health.example.test/a?ref=FA-1001&lang=en",
                first.id() + " " + first.status().code() + " " + first.link().orElseThrow());
        assertEquals("FA-1002", second.id());
    }

    @Test
    void anAccountHasOnePendingApplicationAtATime() {
        Application first = fx.apply("EH100234");

        Application again = fx.apply("EH100234");

        assertEquals(first.id(), again.id());
        assertEquals(1, fx.applications.all(AssistanceFixture.CLIENT).size());
    }

    @Test
    void theStoreItselfRefusesASecondPendingApplicationOfAnAccount() {
        Application first = fx.apply("EH100234");
        Application twin = new Application(first.clientId(), "FA-2001", first.accountNumber(),
                first.program(), first.status(), first.language(), first.channel(),
                first.conversationId(), first.link(), first.materialLanguage(),
                first.emailOnFile(), first.screening(), first.missing(), first.reason(),
                first.discount(), first.history(), first.createdAt(), first.updatedAt(), 1);

        assertThrows(ApplicationStore.AlreadyOpen.class,
                () -> new ApplicationStore(fx.store.database()).insert(twin));
    }

    @Test
    void aDecidedApplicationLeavesRoomForANewOne() {
        fx.move(fx.apply("EH100234").id(), "withdrawn");

        Application next = fx.apply("EH100234");

        assertEquals("FA-1002 sent", next.id() + " " + next.status().code());
    }

    @Test
    void approvalTakesTheDiscountOffTheBalanceToTheCent() {
        String id = fx.apply("EH100234").id();
        fx.move(id, "received");

        Application approved = fx.approve(id, "75").application();

        Application.Discount d = approved.discount().orElseThrow();
        assertEquals("75 925.88 1234.50 308.62 true", d.percent() + " " + d.amount() + " "
                + d.balanceBefore() + " " + d.balanceAfter() + " " + d.applied());
        assertEquals(List.of("EH-V-70012 33.75", "EH-V-70458 892.13"), d.visits().stream()
                .map(v -> v.before().encounterId() + " " + v.amount()).toList());
        assertEquals(new BigDecimal("308.62"), fx.balance("EH100234"));
        assertEquals(List.of("EH-V-70012 11.25 48.75", "EH-V-70458 297.37 1052.63"),
                visits("EH100234"));
    }

    @Test
    void freeCareClearsTheBalance() {
        String id = fx.apply("EH100587").id();
        fx.move(id, "received");

        fx.approve(id, "100");

        assertEquals(0, BigDecimal.ZERO.compareTo(fx.balance("EH100587")));
    }

    @Test
    void theNextBalanceFileWithThePreDiscountFiguresKeepsTheDiscount() {
        String id = fx.apply("EH100234").id();
        fx.move(id, "received");
        fx.approve(id, "75");

        ImportResult result = fx.balances.importCsv(AssistanceFixture.CLIENT, demoRows("EH100234"));

        assertEquals(new ImportResult(0, 0, 1, 0, 0, 2), result);
        assertEquals(new BigDecimal("308.62"), fx.balance("EH100234"));
    }

    @Test
    void theNextBalanceFileWithTheProvidersOwnFiguresReplacesParleys() {
        String id = fx.apply("EH100234").id();
        fx.move(id, "received");
        fx.approve(id, "75");
        // The provider booked the discount its own way: the office visit now owes 11.00.
        String booked = new String(demoRows("EH100234"), StandardCharsets.UTF_8)
                .replace("180.00,120.00,15.00,45.00", "180.00,120.00,49.00,11.00");

        fx.balances.importCsv(AssistanceFixture.CLIENT, booked.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("EH-V-70012 11.00 49.00", "EH-V-70458 297.37 1052.63"),
                visits("EH100234"));
    }

    @Test
    void aFileThatReflectsAPaymentButNotYetTheDiscountKeepsBoth() {
        String id = fx.apply("EH100234").id();
        fx.move(id, "received");
        fx.approve(id, "75");
        // The provider took a $100.00 payment on the MRI but has not booked the discount.
        String paid = new String(demoRows("EH100234"), StandardCharsets.UTF_8)
                .replace("2850.00,1500.00,160.50,1189.50", "2850.00,1500.00,160.50,1089.50");

        fx.balances.importCsv(AssistanceFixture.CLIENT, paid.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("EH-V-70012 11.25 48.75", "EH-V-70458 197.37 1052.63"),
                visits("EH100234"));
    }

    @Test
    void aDiscountAppliedAgainChangesNothing() {
        String id = fx.apply("EH100234").id();
        fx.move(id, "received");
        Application approved = fx.approve(id, "75").application();

        fx.applications.applyDiscount(approved);

        assertEquals(new BigDecimal("308.62"), fx.balance("EH100234"));
    }

    @Test
    void anUpdateToWhereTheApplicationStandsChangesNothing() {
        String id = fx.apply("EH100234").id();
        fx.move(id, "received");

        Applications.Moved again = fx.move(id, "received");

        assertFalse(again.changed());
        assertEquals(2, again.application().history().size());
    }

    @Test
    void incompleteNeedsTheMissingDocumentsAndMayBeToldAgainWithOthers() {
        String id = fx.apply("EH100234").id();
        fx.move(id, "received");

        BadInputException none = assertThrows(BadInputException.class, () -> fx.move(id,
                "incomplete"));
        fx.applications.move(AssistanceFixture.CLIENT, id, incomplete("photo_id"), "api");
        Applications.Moved other = fx.applications.move(AssistanceFixture.CLIENT, id,
                incomplete("photo_id", "residency"), "api");

        assertEquals("Application " + id + " was not changed: missing is missing; expected the "
                + "missing documents, one or more of [bank_statements, no_income_statement, "
                + "photo_id, proof_of_address, proof_of_income, residency, tax_return].",
                none.getMessage());
        assertTrue(other.changed());
        assertEquals(List.of("photo_id", "residency"), other.application().missing());
    }

    @Test
    void aFieldThatDoesNotGoWithTheStatusIsRefusedByName() {
        String id = fx.apply("EH100234").id();

        BadInputException e = assertThrows(BadInputException.class, () ->
                fx.applications.move(AssistanceFixture.CLIENT, id, new StatusUpdate(
                        ApplicationStatus.RECEIVED, List.of(), Optional.of("other"),
                        Optional.empty()), "api"));

        assertEquals("Application " + id + " was not changed: reason 'other' is not given for "
                + "received; a reason goes with denied only.", e.getMessage());
        assertEquals(ApplicationStatus.SENT, fx.applications.require(AssistanceFixture.CLIENT, id)
                .status());
    }

    @Test
    void aRefusedMoveChangesNothing() {
        String id = fx.apply("EH100234").id();

        MoveRefused e = assertThrows(MoveRefused.class, () -> fx.approve(id, "75"));

        assertEquals("Application " + id + " is sent; it cannot move to approved. From sent it "
                + "can move to: received, withdrawn.", e.getMessage());
        assertEquals(new BigDecimal("1234.50"), fx.balance("EH100234"));
    }

    @Test
    void collectionsPauseWhileAnApplicationIsPendingAndResumeWhenItIsDecided() {
        assertFalse(fx.applications.collectionsPaused(AssistanceFixture.CLIENT, "EH100234"));

        String id = fx.apply("EH100234").id();
        boolean sent = fx.applications.collectionsPaused(AssistanceFixture.CLIENT, "EH100234");
        fx.move(id, "received");
        fx.clock.advance(Duration.ofDays(3));
        boolean received = fx.applications.collectionsPaused(AssistanceFixture.CLIENT,
                "EH100234");
        fx.move(id, "under_review");
        boolean review = fx.applications.collectionsPaused(AssistanceFixture.CLIENT, "EH100234");
        fx.applications.move(AssistanceFixture.CLIENT, id, new StatusUpdate(
                ApplicationStatus.DENIED, List.of(), Optional.of("income_above_limit"),
                Optional.empty()), "api");

        assertEquals(List.of(true, true, true, false), List.of(sent, received, review,
                fx.applications.collectionsPaused(AssistanceFixture.CLIENT, "EH100234")));
        assertFalse(fx.applications.collectionsPaused(AssistanceFixture.CLIENT, "EH100587"));
    }

    @Test
    void aClientMayLetCollectionsGoOnWhileApplicationsArePending() {
        fx.applications.settings().save(AssistanceFixture.CLIENT, new AssistanceSettings(
                List.of(AssistanceFixture.PROGRAM), true, false, Region.CONTIGUOUS));

        fx.apply("EH100234");

        assertFalse(fx.applications.collectionsPaused(AssistanceFixture.CLIENT, "EH100234"));
    }

    private static StatusUpdate incomplete(String... missing) {
        return new StatusUpdate(ApplicationStatus.INCOMPLETE, List.of(missing), Optional.empty(),
                Optional.empty());
    }

    private List<String> visits(String account) {
        return fx.accounts.find(AssistanceFixture.CLIENT, account).orElseThrow().encounters()
                .stream().map((Encounter e) -> e.encounterId() + " " + e.patientResponsibility()
                        + " " + e.adjustments()).toList();
    }

    private byte[] demoRows(String account) {
        try (var in = getClass().getResourceAsStream("/demo/example-health.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .toList();
            StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
            lines.stream().filter(l -> l.startsWith(account + ",")).forEach(l ->
                    out.append(l).append('\n'));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
