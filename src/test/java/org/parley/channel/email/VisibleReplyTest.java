package org.parley.channel.email;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The visible reply of real-world reply formats: what Gmail, Outlook, Apple Mail, Yahoo and
 * mobile clients write above and below the patient's words, in the languages Parley speaks,
 * with the attribution wrapped as those clients wrap it.
 */
class VisibleReplyTest {

    private static final String QUOTE = """
            > Hi, this is the billing assistant for Example Health.
            > Please send your date of birth and last name.""";

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of("Gmail, English, attribution on one line", """
                        03/14/1985 Rivera

                        On Fri, Dec 4, 2026 at 10:00 AM Billing <billing@eh.test> wrote:
                        """ + QUOTE, "03/14/1985 Rivera"),
                Arguments.of("Gmail, English, attribution wrapped over two lines", """
                        What do I owe?

                        On Fri, Dec 4, 2026 at 10:00 AM Billing <
                        billing@eh.test> wrote:

                        """ + QUOTE, "What do I owe?"),
                Arguments.of("Gmail, Spanish", """
                        14/03/1985 Rivera

                        El vie, 4 dic 2026 a las 10:00, Billing (<billing@eh.test>)
                        escribió:
                        """ + QUOTE, "14/03/1985 Rivera"),
                Arguments.of("Apple Mail on iPhone, Spanish, with its signature", """
                        Quiero un plan de pagos

                        Enviado desde mi iPhone

                        El 4 dic 2026, a las 10:00, Billing <billing@eh.test> escribió:

                        """ + QUOTE, "Quiero un plan de pagos"),
                Arguments.of("Apple Mail, English, attribution wrapped over three lines", """
                        Yes, the first plan please.
                        Thanks!

                        > On Dec 4, 2026, at 10:00 AM, Example Health
                        > <billing@example-health.test>
                        > wrote:
                        """ + QUOTE, "Yes, the first plan please.\nThanks!"),
                Arguments.of("Outlook desktop, English header block", """
                        I can pay $100 a month.

                        Regards,
                        Alex

                        ________________________________
                        From: Billing <billing@eh.test>
                        Sent: Friday, December 4, 2026 10:00 AM
                        To: Alex Rivera <alex.rivera@example.test>
                        Subject: Re: Question about my bill

                        Hi, this is the billing assistant for Example Health.""",
                        "I can pay $100 a month.\n\nRegards,\nAlex"),
                Arguments.of("Outlook, Spanish header block", """
                        Sí, acepto.

                        ________________________________
                        De: Billing <billing@eh.test>
                        Enviado: viernes, 4 de diciembre de 2026 10:00
                        Para: Lucía Hernández <lucia.hernandez@example.test>
                        Asunto: Re: Mi factura

                        Hola, soy el asistente de facturación.""", "Sí, acepto."),
                Arguments.of("Outlook, Russian header block", """
                        Сколько я должен?

                        От: Billing <billing@eh.test>
                        Отправлено: 4 декабря 2026 г. 10:00
                        Кому: patient@example.test
                        Тема: Re: Счёт
                        """ + QUOTE, "Сколько я должен?"),
                Arguments.of("Outlook, Chinese header block", """
                        我想查询余额

                        发件人: Billing <billing@eh.test>
                        发送时间: 2026年12月4日 10:00
                        收件人: patient@example.test
                        主题: 回复: 账单
                        """ + QUOTE, "我想查询余额"),
                Arguments.of("Gmail, Chinese", """
                        我的余额是多少？

                        Billing <billing@eh.test> 于2026年12月4日周五 10:00写道：
                        """ + QUOTE, "我的余额是多少？"),
                Arguments.of("Gmail, Korean", """
                        잔액을 알려 주세요

                        2026년 12월 4일 (금) 오전 10:00, Billing <billing@eh.test>님이 작성:
                        """ + QUOTE, "잔액을 알려 주세요"),
                Arguments.of("Gmail, Vietnamese, wrapped", """
                        Tôi muốn trả góp

                        Vào Th 6, 4 thg 12, 2026 vào lúc 10:00 Billing <
                        billing@eh.test> đã viết:
                        """ + QUOTE, "Tôi muốn trả góp"),
                Arguments.of("Gmail, Arabic", """
                        كم المبلغ المستحق علي؟

                        في الجمعة، 4 ديسمبر 2026 في 10:00 ص، Billing <billing@eh.test> كتب:
                        """ + QUOTE, "كم المبلغ المستحق علي؟"),
                Arguments.of("Gmail, Russian, date and address then a colon", """
                        Хочу план платежей

                        пт, 4 дек. 2026 г. в 10:00, Billing <billing@eh.test>:
                        """ + QUOTE, "Хочу план платежей"),
                Arguments.of("Gmail, Tagalog", """
                        Magkano ang utang ko?

                        Noong Biy, Dis 4, 2026 nang 10:00 AM, Billing <billing@eh.test> ay sumulat:
                        """ + QUOTE, "Magkano ang utang ko?"),
                Arguments.of("Yahoo Mail, English, with its mobile line", """
                        Please call me tomorrow.

                        Sent from Yahoo Mail on Android

                          On Friday, December 4, 2026, 10:00 AM, Billing <billing@eh.test> wrote:

                        """ + QUOTE, "Please call me tomorrow."),
                Arguments.of("Android mail app, original message separator in Spanish", """
                        Sí

                        -------- Mensaje original --------
                        De: Billing <billing@eh.test>
                        Fecha: 4/12/26 10:00 (GMT-05:00)
                        Para: patient@example.test
                        Asunto: Re: Plan de pagos
                        """, "Sí"),
                Arguments.of("Outlook for iOS, with its line", """
                        YES

                        Get Outlook for iOS
                        ________________________________
                        From: Billing <billing@eh.test>
                        Sent: Friday, December 4, 2026 10:00:00 AM
                        To: alex.rivera@example.test
                        Subject: Re: Payment plan
                        """, "YES"),
                Arguments.of("A signature after the RFC 3676 delimiter", """
                        EH100234 30301

                        --\s
                        Alex Rivera
                        (404) 555-0123""", "EH100234 30301"),
                Arguments.of("Korean iPhone line", """
                        네

                        iPhone에서 보냄""", "네"),
                Arguments.of("Outlook, Original Message line without its header block", """
                        Yes

                        -----Original Message-----
                        Do you agree to these terms?""", "Yes"),
                Arguments.of("Bottom-posted under an attribution and its quote", """
                        On Fri, Dec 4, 2026 at 10:00 AM Billing <billing@eh.test> wrote:
                        """ + QUOTE + """


                        03/14/1985 Rivera
                        --\s
                        Alex""", "03/14/1985 Rivera"),
                Arguments.of("Bottom-posted under a bare quote", QUOTE + """

                        What do I owe?""", "What do I owe?"),
                Arguments.of("Only quoted text: the whole text is kept", """
                        > What do I owe?""", "> What do I owe?"),
                Arguments.of("A reply that only looks like it quotes is kept whole", """
                        On Monday I paid $50.
                        Is that on my balance?""",
                        "On Monday I paid $50.\nIs that on my balance?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void theVisibleReplyIsWhatThePatientWrote(String client, String body, String visible) {
        assertEquals(visible, VisibleReply.of(body));
    }
}
