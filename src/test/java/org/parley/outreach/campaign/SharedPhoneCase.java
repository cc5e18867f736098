package org.parley.outreach.campaign;

import org.parley.outreach.Outreach;
import org.parley.testing.SmsPhone;

import java.util.List;

/**
 * Campaign tests over one family's phone (a tester's reports): Dana Moss, Eli Park and Fay
 * Quinn, three accounts with three ZIP codes and one mobile number.
 */
abstract class SharedPhoneCase extends CampaignSmsCase {

    static final String PHONE = "+14045550139";
    static final List<String> FAMILY = List.of("EH300001", "EH300002", "EH300003");

    /** The family's three accounts on {@link #PHONE}, at ten texts a second. */
    void importFamily() {
        f.importBalances(row("EH300001", "Dana", "Moss", "1980-01-02", "30303") + "\n"
                + row("EH300002", "Eli", "Park", "1981-03-04", "30305") + "\n"
                + row("EH300003", "Fay", "Quinn", "1982-05-06", "30307") + "\n");
        f.settings("{\"throughput\": {\"perSecond\": 10}}");
    }

    /** The family's phone, and each account, at a cap of one text a day. */
    void oneTextADay() {
        f.settings("{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 1}}, "
                + "\"throughput\": {\"perSecond\": 10}}");
    }

    /** The campaign job and the sending job now, the texts handed to Twilio. */
    void scheduleAndSend() {
        f.runJob();
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        // The texts' places under 10 a second are in this second: let it pass.
        f.clock.set(f.clock.instant().plusSeconds(1));
        f.parley.settleTexts();
    }

    /** The first {@code n} lines of the next text to {@code phone}. */
    static String firstLines(SmsPhone phone, int n) {
        return String.join("\n", phone.next().body().lines().limit(n).toList());
    }

    private static String row(String account, String first, String last, String born,
                              String zip) {
        return String.join(",", account, first, last, born, zip, PHONE, "", "en",
                account + "-1", "2026-11-02", "Dr. Lena Ortiz", "Office visit", "200.00",
                "80.00", "0.00", "120.00", "2027-01-10");
    }
}
