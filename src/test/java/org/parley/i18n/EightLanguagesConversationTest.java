package org.parley.i18n;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The balance conversation in every language Parley speaks, over a real WebSocket, with the
 * amounts and dates exactly as ICU writes them for the patient's locale.
 */
class EightLanguagesConversationTest {

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    // ICU's own spacing is part of the expected text: no-break spaces (U+00A0, U+202F) around
    // currency and units, and the right-to-left mark (U+200F) that keeps an Arabic amount in place.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Your balance is $1,234.50 for 2 visits. It is due by December 31, 2026 (in 27 days).
            es | Su saldo es de $1,234.50 por 2 visitas. Vence el 31 de diciembre de 2026 (dentro de 27 días).
            zh | 您共有 2 次就诊，应付余额为US$1,234.50。请在2026年12月31日之前付款（27天后）。
            vi | Quý vị còn nợ 1.234,50\u00a0US$ cho 2 lần khám. Hạn thanh toán là 31 tháng 12, 2026 (sau 27 ngày nữa).
            tl | Ang inyong balanse ay $1,234.50 para sa 2 pagpapatingin. Kailangan itong bayaran bago o sa Disyembre 31, 2026 (sa 27 araw).
            ko | 진료 2건에 대한 잔액은 US$1,234.50입니다. 2026년 12월 31일(27일 후)까지 납부해 주십시오.
            ru | Сумма к оплате — 1\u00a0234,50\u00a0$ за 2 визита. Срок оплаты — до 31 декабря 2026\u202fг. (через 27 дней)
            ar | المبلغ المستحق عليك هو \u200f1,234.50\u00a0US$ عن زيارتين. آخر موعد للسداد: 31 ديسمبر 2026 (خلال 27 يومًا).
            """)
    void aPatientReadsTheirBalanceInTheirLanguage(String language, String summary) {
        try (ChatClient chat = parley.chat()) {
            chat.start(language);
            chat.nextMessage();
            chat.nextMessage();

            chat.say("1");
            JsonNode ask = chat.nextMessage();
            assertEquals("verify.ask", key(chat, ask));

            chat.say("1985-03-14 Rivera");
            assertEquals("verify.ok", key(chat, chat.nextMessage()));
            JsonNode balance = chat.nextMessage();

            assertEquals(summary, balance.get("text").asText());
        }
    }

    @Test
    void aLongMessageInAnotherLanguageSwitchesTheConversationButAShortOneNeverDoes() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("si");
            assertEquals("menu.reprompt", key(chat, chat.nextMessage()));

            chat.say("¿Cuánto debo pagar por mi factura del hospital?");
            chat.bot("De acuerdo, continuaré en español.");
            chat.bot("Primero necesito confirmar su identidad. Envíe su fecha de nacimiento y su "
                    + "apellido (por ejemplo: 14/03/1985 Rivera), o su número de cuenta y su código "
                    + "postal.");
        }
    }

    private static String key(ChatClient chat, JsonNode message) {
        long seq = message.get("seq").asLong();
        return parley.parley().services().conversations().messages(chat.conversationId()).stream()
                .filter(m -> m.seq() == seq).findFirst().orElseThrow().key().orElse("");
    }
}
