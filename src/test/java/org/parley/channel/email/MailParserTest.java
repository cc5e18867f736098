package org.parley.channel.email;

import org.junit.jupiter.api.Test;
import org.parley.BadInputException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Raw messages as mail clients and servers really send them, read into what Parley uses. */
class MailParserTest {

    private final MailParser parser = new MailParser();

    private static final String HEAD = """
            From: Lucía Hernández <Lucia.Hernandez@Example.test>
            To: Example Health <billing+rabc@example-health.test>
            Message-ID: <m1@mail.patient.test>
            In-Reply-To: <parley.2@example-health.test>
            References: <q0@mail.patient.test> <parley.1@example-health.test>
             <parley.2@example-health.test>
            Date: Fri, 4 Dec 2026 10:05:00 -0500
            MIME-Version: 1.0
            """;

    private static byte[] crlf(String text, Charset charset) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(charset);
    }

    private ParsedMail parse(String raw) {
        return parser.parse(crlf(raw, StandardCharsets.UTF_8));
    }

    @Test
    void addressesAreLowerCaseAndThreadIdsComeNewestFirst() {
        ParsedMail mail = parse(HEAD + "Subject: Re: Mi factura\nContent-Type: text/plain\n\nSí\n");

        assertEquals("lucia.hernandez@example.test", mail.from());
        assertEquals(List.of("billing+rabc@example-health.test"), mail.recipients());
        assertEquals("m1@mail.patient.test", mail.messageId());
        assertEquals(List.of("parley.2@example-health.test", "parley.1@example-health.test",
                "q0@mail.patient.test"), mail.threadIds());
        assertEquals("Sí", mail.text());
        assertEquals(ParsedMail.Kind.PERSONAL, mail.kind());
    }

    @Test
    void aCardNumberInTheSubjectIsMaskedBeforeItIsKeptOrSaidAgain() {
        ParsedMail mail = parse(HEAD + "Subject: Re: my card 4111 1111 1111 1111\n"
                + "Content-Type: text/plain\n\nPlease charge it\n");

        assertEquals("Re: my card ************1111", mail.subject());
    }

    @Test
    void aUtf8BodyLabelledAsLatin1IsReadAsUtf8() {
        ParsedMail mail = parse(HEAD + """
                Subject: Re: Mi factura
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: 8bit

                Sí, quiero pagar en 6 meses. Gracias, Lucía
                """);

        assertEquals("Sí, quiero pagar en 6 meses. Gracias, Lucía", mail.text());
    }

    @Test
    void aLatin1BodyLabelledAsUtf8IsReadAsWindows1252() {
        byte[] raw = crlf(HEAD + """
                Subject: Re: Mi factura
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Sí, el número de cuenta es EH100587 — gracias
                """, Charset.forName("windows-1252"));

        assertEquals("Sí, el número de cuenta es EH100587 — gracias", parser.parse(raw).text());
    }

    @Test
    void aProperlyLabelledCyrillicBodyAndEncodedSubjectDecode() {
        byte[] head = crlf(HEAD + """
                Subject: =?KOI8-R?B?896j1A==?=
                Content-Type: text/plain; charset=koi8-r
                Content-Transfer-Encoding: 8bit

                """, StandardCharsets.US_ASCII);
        byte[] body = crlf("Сколько я должен?\n", Charset.forName("KOI8-R"));
        byte[] raw = new byte[head.length + body.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(body, 0, raw, head.length, body.length);

        ParsedMail mail = parser.parse(raw);

        assertEquals("Сколько я должен?", mail.text());
        assertEquals("Счёт", mail.subject());
    }

    @Test
    void quotedPrintableAndAnUnknownCharsetLabelAreRead() {
        ParsedMail mail = parse(HEAD + """
                Subject: Re: Balance
                Content-Type: text/plain; charset="x-unknown-8bit"
                Content-Transfer-Encoding: quoted-printable

                Tengo una pregunta sobre el cobro de la resonancia magn=C3=A9tica.
                """);

        assertEquals("Tengo una pregunta sobre el cobro de la resonancia magnética.", mail.text());
    }

    @Test
    void anHtmlOnlyGmailReplyBecomesItsVisibleText() {
        ParsedMail mail = parse(HEAD + """
                Subject: Re: Balance
                Content-Type: text/html; charset=UTF-8

                <div dir="ltr"><div>03/14/1985&nbsp;Rivera</div><div><br></div>\
                <div>Thanks,<br>Alex</div></div><br><div class="gmail_quote">\
                <div dir="ltr" class="gmail_attr">On Fri, Dec 4, 2026 at 10:00 AM Example Health \
                &lt;<a href="mailto:billing@example-health.test">billing@example-health.test</a>\
                &gt; wrote:<br></div><blockquote class="gmail_quote">Hi, this is the billing \
                assistant for Example Health.</blockquote></div>
                """);

        assertEquals("03/14/1985 Rivera\n\nThanks,\nAlex", mail.text());
    }

    @Test
    void anHtmlOnlyOutlookReplyLosesTheMailItQuotes() {
        ParsedMail mail = parse(HEAD + """
                Subject: RE: Balance
                Content-Type: text/html; charset=UTF-8

                <html><head><style>p{margin:0}</style></head><body><div><p>I'd like a payment \
                plan</p></div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg">\
                <b>From:</b> Example Health</div><div>Hi, this is the billing assistant for \
                Example Health.</div>\
                </body></html>
                """);

        assertEquals("I'd like a payment plan", mail.text());
    }

    @Test
    void anOutlookWebReplyLosesTheMailQuotedAfterItsHeaderBlock() {
        ParsedMail mail = parse(HEAD + """
                Subject: RE: Bill
                Content-Type: text/html; charset=UTF-8

                <html><body><div>VISIBLE REPLY</div><hr style="display:inline-block;width:98%" \
                tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font><b>From:</b> Example \
                Health<br><b>Sent:</b> Friday<br><b>To:</b> x<br><b>Subject:</b> Re: Bill</font>\
                <div>&nbsp;</div></div><div dir="ltr"><div>QUOTED BODY</div></div></body></html>
                """);

        assertEquals("VISIBLE REPLY", mail.text());
    }

    @Test
    void multipartAlternativePrefersThePlainPart() {
        ParsedMail mail = parse(HEAD + """
                Subject: Re: Balance
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8

                1

                On Fri, Dec 4, 2026 at 10:00 AM Example Health <billing@example-health.test> wrote:
                > Reply with a number from 1 to 5.
                --b1
                Content-Type: text/html; charset=UTF-8

                <div>one</div>
                --b1--
                """);

        assertEquals("1", mail.text());
    }

    @Test
    void anEmptyBodyWithAMeaningfulSubjectUsesTheSubject() {
        ParsedMail mail = parse(HEAD + """
                Subject: =?UTF-8?Q?Re:_Quiero_un_plan_de_pagos?=
                Content-Type: text/plain; charset=UTF-8

                \s
                """);

        assertEquals("Quiero un plan de pagos", mail.text());
    }

    @Test
    void aSubjectWrittenInRawUtf8IsRead() {
        ParsedMail mail = parse(HEAD + "Subject: 잔액 문의\nContent-Type: text/plain\n\n");

        assertEquals("잔액 문의", mail.text());
    }

    @Test
    void autoRepliesListsAndBulkMailAreRecognised() {
        assertEquals(ParsedMail.Kind.AUTO_REPLY, parse(HEAD + "Subject: Out of office\n"
                + "Auto-Submitted: auto-replied\n\nI am away.\n").kind());
        assertEquals(ParsedMail.Kind.AUTO_REPLY, parse(HEAD + "Subject: Automatic reply\n"
                + "X-Auto-Response-Suppress: All\n\nI am away.\n").kind());
        assertEquals(ParsedMail.Kind.AUTO_REPLY, parse(HEAD + "Subject: Away\n"
                + "X-Autoreply: yes\n\nI am away.\n").kind());
        assertEquals(ParsedMail.Kind.BULK, parse(HEAD + "Subject: News\n"
                + "Precedence: bulk\n\nNews.\n").kind());
        assertEquals(ParsedMail.Kind.BULK, parse(HEAD + "Subject: [list] Hi\n"
                + "List-Id: <patients.lists.example.test>\n\nHi.\n").kind());
        assertEquals(ParsedMail.Kind.PERSONAL, parse(HEAD + "Subject: Hi\n"
                + "Auto-Submitted: no\n\nHi.\n").kind());
    }

    @Test
    void anExchangeRuleLoopHeaderOrAnAutoReplySubjectMarksAnAutoReply() {
        assertEquals(ParsedMail.Kind.AUTO_REPLY, parse(HEAD + "Subject: Re: Bill\n"
                + "X-MS-Exchange-Inbox-Rules-Loop: alex@example.test\n\nForwarded.\n").kind());
        for (String subject : List.of("Out of Office: Re: Bill", "Automatic reply: Bill",
                "Autoreply: Bill", "=?UTF-8?Q?Respuesta_autom=C3=A1tica:_Bill?=",
                "Автоответ: Bill", "自动回复: Bill", "자동 회신: Bill")) {
            assertEquals(ParsedMail.Kind.AUTO_REPLY, parse(HEAD + "Subject: " + subject
                    + "\n\nI am away.\n").kind(), subject);
        }
        assertEquals(ParsedMail.Kind.PERSONAL, parse(HEAD + "Subject: Re: Out of office "
                + "visit bill\n\nWhat do I owe?\n").kind());
    }

    @Test
    void aDeliveryStatusReportNamesTheFailedMessageAndAddress() {
        ParsedMail mail = parse("""
                From: Mail Delivery Subsystem <mailer-daemon@mx.example.test>
                To: billing@example-health.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn1@mx.example.test>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Your message could not be delivered.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.test

                Final-Recipient: rfc822; gone@example.test
                Action: failed
                Status: 5.1.1 (user unknown)
                --r
                Content-Type: text/rfc822-headers

                From: Example Health <billing@example-health.test>
                To: gone@example.test
                Message-ID: <parley.9@example-health.test>
                --r--
                """);

        assertEquals(ParsedMail.Kind.BOUNCE, mail.kind());
        ParsedMail.Bounce bounce = mail.bounce().orElseThrow();
        assertEquals(List.of("parley.9@example-health.test"), bounce.originalIds());
        assertEquals(List.of("gone@example.test"), bounce.recipients());
        assertEquals(Optional.of("5.1.1"), bounce.status());
        assertEquals(true, bounce.permanent());
    }

    @Test
    void attachmentsAreReadWithTheirNamesAndBytes() {
        ParsedMail mail = parse(HEAD + """
                Subject: Re: Assistance
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: text/plain; charset=UTF-8

                Here is my pay stub.
                --m
                Content-Type: application/pdf; name="stub.pdf"
                Content-Disposition: attachment; filename="stub.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --m--
                """);

        assertEquals("Here is my pay stub.", mail.text());
        assertEquals(1, mail.attachments().size());
        assertEquals("stub.pdf", mail.attachments().get(0).fileName());
        assertArrayEquals("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII),
                mail.attachments().get(0).content());
    }

    @Test
    void aMessageWithoutASenderIsRefused() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse("just some text\n\nthat is not a message\n"));

        assertEquals("missing_from", e.code());
    }

    @Test
    void aSenderThatIsNoAddressIsRefused() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse("From: nobody\nSubject: hi\n\nhello\n"));

        assertEquals("bad_from", e.code());
    }
}
