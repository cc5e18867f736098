package org.parley.channel.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.i18n.LocaleContent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmsTemplateCheckTest {

    @Test
    void templatesLongerThanTwoSegmentsAreReportedUnlessAShortVariantReplacesThem(@TempDir Path dir)
            throws IOException {
        Path en = Files.createDirectories(dir.resolve("en"));
        Files.writeString(en.resolve("messages.yaml"), """
                short: "Your balance is {total}."
                long: "%s"
                replaced: "%s"
                replaced@sms: "Short, {client}."
                """.formatted("a".repeat(400), "b {client} ".repeat(40)));

        List<String> findings = SmsTemplateCheck.check(LocaleContent.loadAll(dir)).stream()
                .map(Object::toString).toList();

        assertEquals(List.of(en.resolve("messages.yaml") + ":2: 'long' takes 3 SMS segments in en "
                + "(GSM_7, 400 units); add a shorter 'long@sms' variant"), findings);
    }

    @Test
    void theShippedTemplatesAllFitInTwoSegments() {
        assertEquals(List.of(), SmsTemplateCheck.check(LocaleContent.loadAll(Path.of("locales"))));
    }
}
