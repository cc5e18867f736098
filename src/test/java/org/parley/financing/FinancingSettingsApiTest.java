package org.parley.financing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code /api/clients/{id}/settings/financing}: the demo's partners, a round trip with money to
 * the cent, and every refusal with its exact body, each leaving the partners as they were.
 */
class FinancingSettingsApiTest {

    private static final String PATH = "/api/clients/example-health/settings/financing";
    private static final String DEMO = "{\"partners\":[{\"name\":\"Example Patient Finance\","
            + "\"minAmount\":\"200.00\",\"maxAmount\":\"10000.00\",\"terms\":{\"en\":\"0% APR if "
            + "paid in full within 12 months; otherwise 26.99% APR from the date of service. "
            + "Subject to credit approval by Example Patient Finance, not Example Health.\","
            + "\"es\":\"0% de interés (APR) si paga el total en 12 meses; si no, 26.99% APR desde "
            + "la fecha del servicio. Sujeto a la aprobación de crédito de Example Patient "
            + "Finance, no de Example Health.\"},\"applyUrl\":"
            + "\"https://apply.patient-finance.example.test/start?account={account}"
            + "&amount={amount}\",\"languages\":[\"en\",\"es\"]},"
            + "{\"name\":\"Example Care Lending\",\"minAmount\":\"1000.00\",\"maxAmount\":"
            + "\"25000.00\",\"terms\":{\"en\":\"Fixed monthly payments over 24 to 60 months at "
            + "9.99% to 17.99% APR. Subject to credit approval by Example Care Lending.\"},"
            + "\"applyUrl\":\"https://lending.example.test/apply?amount={amount}\","
            + "\"languages\":[\"en\"]}]}";

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

    @Test
    void theDemoClientsPartnersAreShown() {
        HttpResponse<String> response = parley.api("GET", PATH, null, null);

        assertEquals(200, response.statusCode());
        assertEquals(DEMO, response.body());
    }

    @Test
    void partnersPutAreStoredExactlyAndShownBack() {
        String partners = "{\"partners\":[{\"name\":\"Lakeside Lending\",\"minAmount\":\"0.00\","
                + "\"maxAmount\":\"999.99\",\"terms\":{\"en\":\"Six months, no interest.\","
                + "\"zh\":\"六个月免息。\"},\"applyUrl\":\"https://lakeside.example.test/a/{account}\","
                + "\"languages\":[\"en\",\"zh\"]}]}";
        try {
            HttpResponse<String> put = parley.api("PUT", PATH, "application/json", partners);

            assertEquals(200, put.statusCode(), put.body());
            assertEquals(partners, put.body());
            assertEquals(partners, parley.api("GET", PATH, null, null).body());
            FinancingPartner stored = parley.parley().services().financing().partners()
                    .partners("example-health").get(0);
            assertEquals(new BigDecimal("999.99"), stored.maxAmount());
            assertEquals(Map.of("en", "Six months, no interest.", "zh", "六个月免息。"),
                    stored.terms());
        } finally {
            parley.api("PUT", PATH, "application/json", DEMO);
        }
    }

    @Test
    void anEmptyListMeansNoFinancing() {
        try {
            HttpResponse<String> put = parley.api("PUT", PATH, "application/json",
                    "{\"partners\":[]}");

            assertEquals("{\"partners\":[]}", put.body());
            assertEquals(List.of(), parley.parley().services().financing().partners()
                    .partners("example-health"));
        } finally {
            parley.api("PUT", PATH, "application/json", DEMO);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            name missing | {"minAmount":"1","maxAmount":"2","terms":{"en":"t"},"applyUrl":"https://a.example.test/","languages":["en"]} | partners[0].name | partners[0].name is missing; send it
            name repeated | {"name":"A","minAmount":"1","maxAmount":"2","terms":{"en":"t"},"applyUrl":"https://a.example.test/","languages":["en"]},{"name":"a","minAmount":"1","maxAmount":"2","terms":{"en":"t"},"applyUrl":"https://a.example.test/","languages":["en"]} | partners[1].name | partners[1].name repeats "a"; give each partner once, with a name of its own
            minimum as a number | {"name":"A","minAmount":200,"maxAmount":"2","terms":{"en":"t"},"applyUrl":"https://a.example.test/","languages":["en"]} | partners[0].minAmount | partners[0].minAmount must be a string such as "0.00" or "25.00", not a JSON number, so that no cent is lost to rounding; got 200
            maximum below minimum | {"name":"A","minAmount":"500.00","maxAmount":"200.00","terms":{"en":"t"},"applyUrl":"https://a.example.test/","languages":["en"]} | partners[0].maxAmount | partners[0].maxAmount must be at least minAmount (500.00); got 200.00
            maximum zero | {"name":"A","minAmount":"0","maxAmount":"0","terms":{"en":"t"},"applyUrl":"https://a.example.test/","languages":["en"]} | partners[0].maxAmount | partners[0].maxAmount must be more than zero, such as "25.00"
            terms without the default language | {"name":"A","minAmount":"1","maxAmount":"2","terms":{"es":"t"},"applyUrl":"https://a.example.test/","languages":["en"]} | partners[0].terms | partners[0].terms needs the text in en, the client's default language, which is shown when the patient's language has none
            terms in an unknown language | {"name":"A","minAmount":"1","maxAmount":"2","terms":{"en":"t","fr":"t"},"applyUrl":"https://a.example.test/","languages":["en"]} | partners[0].terms.fr | partners[0].terms.fr is not a language Parley speaks; use one of [ar, en, es, ko, ru, tl, vi, zh]
            terms empty text | {"name":"A","minAmount":"1","maxAmount":"2","terms":{"en":" "},"applyUrl":"https://a.example.test/","languages":["en"]} | partners[0].terms.en | partners[0].terms.en must be a non-empty string; got " "
            apply link not https | {"name":"A","minAmount":"1","maxAmount":"2","terms":{"en":"t"},"applyUrl":"http://a.example.test/","languages":["en"]} | partners[0].applyUrl | partners[0].applyUrl must be an absolute https URL with a host, such as "https://apply.example.test/start?acct={account}&amt={amount}" (http is accepted only for localhost, for tests); got http://a.example.test/
            apply link unknown placeholder | {"name":"A","minAmount":"1","maxAmount":"2","terms":{"en":"t"},"applyUrl":"https://a.example.test/{ssn}","languages":["en"]} | partners[0].applyUrl | partners[0].applyUrl has a placeholder Parley does not fill; use only [{account}, {amount}]
            languages empty | {"name":"A","minAmount":"1","maxAmount":"2","terms":{"en":"t"},"applyUrl":"https://a.example.test/","languages":[]} | partners[0].languages | partners[0].languages is empty; list the languages the partner's application is offered in, such as ["en"]
            languages unknown | {"name":"A","minAmount":"1","maxAmount":"2","terms":{"en":"t"},"applyUrl":"https://a.example.test/","languages":["en","English"]} | partners[0].languages[1] | partners[0].languages[1] is "English", not a language Parley speaks; use one of [ar, en, es, ko, ru, tl, vi, zh]
            unknown field | {"name":"A","minAmount":"1","maxAmount":"2","terms":{"en":"t"},"applyUrl":"https://a.example.test/","languages":["en"],"apr":"9.99"} | partners[0].apr | partners[0].apr is not a field here; send only [name, minAmount, maxAmount, terms, applyUrl, languages] (names are case-sensitive)
            """)
    void aBadPartnerIsRefusedByFieldAndNothingChanges(String why, String partners, String field,
                                                      String message) {
        HttpResponse<String> response = parley.api("PUT", PATH, "application/json",
                "{\"partners\":[" + partners + "]}");

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"invalid_setting\",\"message\":" + Json.write(message)
                + ",\"detail\":{\"field\":\"" + field + "\"}}", response.body());
        assertEquals(DEMO, parley.api("GET", PATH, null, null).body());
    }

    @Test
    void partnersMustBeAList() {
        HttpResponse<String> response = parley.api("PUT", PATH, "application/json",
                "{\"partners\":{\"name\":\"A\"}}");

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"invalid_setting\",\"message\":\"partners must be a JSON array; "
                + "got an object\",\"detail\":{\"field\":\"partners\"}}", response.body());
    }

    @Test
    void anUnknownClientIsNotFound() {
        HttpResponse<String> response = parley.api("PUT",
                "/api/clients/nobody/settings/financing", "application/json", DEMO);

        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":\"unknown_client\",\"message\":\"No client 'nobody' exists; "
                + "check the client id in the URL\"}", response.body());
    }
}
