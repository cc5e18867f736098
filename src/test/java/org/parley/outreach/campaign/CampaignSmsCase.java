package org.parley.outreach.campaign;

import org.junit.jupiter.api.AfterEach;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;

import java.util.Map;

/** Campaign tests by text: each test's Parley sends to its own fake Twilio. */
abstract class CampaignSmsCase extends CampaignCase {

    final FakeTwilio twilio = FakeTwilio.start();

    @Override
    Map<String, String> env() {
        return SmsPhone.env(twilio);
    }

    @Override
    @AfterEach
    void stopParley() {
        super.stopParley();
        twilio.close();
    }
}
