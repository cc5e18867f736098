package org.parley.channel.sms;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.compliance.ConsentLedger;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.channel.sms.TwilioFixture.CLIENT;
import static org.parley.channel.sms.TwilioFixture.PATIENT;

/** {@code POST /twilio/status}: delivery reports move a message forward, never back. */
class TwilioStatusCallbackTest {

    @TempDir
    Path data;
    TwilioFixture sms;
    long seq;
    String sid;

    @BeforeEach
    void sendOneMessage() {
        sms = TwilioFixture.start(data);
        seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");
        sms.drain();
        sid = sms.delivery(PATIENT, seq).getString("providerId");
    }

    @AfterEach
    void stop() {
        sms.close();
    }

    private int report(String status) {
        return report(status, Optional.empty());
    }

    private int report(String status, Optional<Integer> errorCode) {
        return sms.postSigned("/twilio/status", TwilioFixture.status(sid, status, errorCode))
                .statusCode();
    }

    private Document delivery() {
        return sms.delivery(PATIENT, seq);
    }

    @Test
    void sentThenDeliveredMovesTheMessageToDelivered() {
        assertEquals(200, report("sent"));
        assertEquals("sent", delivery().getString("status"));

        assertEquals(200, report("delivered"));
        assertEquals("delivered", delivery().getString("status"));
    }

    @Test
    void sentArrivingAfterDeliveredLeavesItDelivered() {
        report("delivered");

        assertEquals(200, report("sent"));

        assertEquals("delivered", delivery().getString("status"));
    }

    @Test
    void undeliveredArrivingAfterDeliveredLeavesItDeliveredWithoutItsErrorCode() {
        report("delivered");

        assertEquals(200, report("undelivered", Optional.of(30003)));

        assertEquals("delivered", delivery().getString("status"));
        assertFalse(delivery().containsKey("errorCode"));
    }

    @Test
    void repeatedFailedKeepsTheFirstReport() {
        assertEquals(200, report("failed", Optional.of(30008)));
        Document first = delivery();

        assertEquals(200, report("failed", Optional.of(30003)));

        assertEquals("failed", delivery().getString("status"));
        assertEquals(30008, delivery().getInteger("errorCode"));
        assertEquals(first, delivery());
    }

    @Test
    void twiliosEarlyStatesChangeNothing() {
        Document before = delivery();

        assertEquals(200, report("queued"));
        assertEquals(200, report("accepted"));
        assertEquals(200, report("sending"));

        assertEquals(before, delivery());
    }

    @Test
    void undeliveredWithErrorCodeIsStored() {
        assertEquals(200, report("undelivered", Optional.of(30005)));

        assertEquals("undelivered", delivery().getString("status"));
        assertEquals(30005, delivery().getInteger("errorCode"));
        assertEquals(List.of(), sms.ledger.history(CLIENT, "sms", PATIENT));
    }

    @Test
    void failedWith21610OptsTheNumberOut() {
        assertEquals(200, report("failed", Optional.of(21610)));

        assertEquals("failed", delivery().getString("status"));
        assertEquals(21610, delivery().getInteger("errorCode"));
        assertTrue(sms.ledger.optedOut(CLIENT, "sms", PATIENT));
        assertEquals(List.of("carrier_21610"), sms.ledger.history(CLIENT, "sms", PATIENT).stream()
                .map(ConsentLedger.Entry::how).toList());
    }

    @Test
    void repeated21610ReportRecordsTheOptOutOnce() {
        report("failed", Optional.of(21610));
        Document before = delivery();

        assertEquals(200, report("failed", Optional.of(21610)));

        assertEquals(before, delivery());
        assertEquals(1, sms.ledger.history(CLIENT, "sms", PATIENT).size());
    }

    @Test
    void reportForUnknownMessageIsAcknowledgedAndChangesNothing() {
        Document before = delivery();

        HttpResponse<String> res = sms.postSigned("/twilio/status",
                TwilioFixture.status(TwilioFixture.messageSid(), "failed", Optional.of(21610)));

        assertEquals(200, res.statusCode());
        assertEquals(before, delivery());
        assertEquals(List.of(), sms.ledger.history(CLIENT, "sms", PATIENT));
    }

    @Test
    void unsignedReportIsRefusedAndChangesNothing() {
        Document before = delivery();

        HttpResponse<String> res = sms.post("/twilio/status",
                TwilioFixture.status(sid, "delivered", Optional.empty()), Optional.empty());

        assertEquals(403, res.statusCode());
        assertEquals(before, delivery());
    }
}
