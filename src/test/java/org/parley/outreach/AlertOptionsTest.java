package org.parley.outreach;

import org.junit.jupiter.api.Test;
import org.parley.dialog.Flow;
import org.parley.dialog.FlowLoader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each alert's options are the options of the step its reply lands at, in that order: a reply
 * "1" means the first option the text numbered.
 */
class AlertOptionsTest {

    @Test
    void everyAlertOffersTheOptionsOfTheStepItsReplyLandsAt() {
        Map<String, Flow> flows = FlowLoader.load(Path.of("dialogs"));
        Map<String, List<String>> offered = Map.of(Alerts.CHOOSE_STEP, Alerts.OPTIONS,
                Alerts.PLAN_STEP, Alerts.PLAN_OPTIONS, Alerts.PAYMENT_STEP, Alerts.PAYMENT_OPTIONS,
                Alerts.ASSISTANCE_STEP, Alerts.ASSISTANCE_OPTIONS);

        offered.forEach((target, options) -> {
            int dot = target.indexOf('.');
            assertEquals(options, flows.get(target.substring(0, dot))
                    .step(target.substring(dot + 1)).options(), target);
        });
    }
}
