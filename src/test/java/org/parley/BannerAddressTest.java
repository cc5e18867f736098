package org.parley;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The start banner names the address Parley is bound to, so its links reach it. */
class BannerAddressTest {

    @Test
    void aParleyBoundToOneAddressNamesThatAddress() {
        assertEquals("http://127.0.0.1:18700", Main.baseUrl("127.0.0.1", 18700));
    }

    @Test
    void aParleyBoundToAnIpv6AddressNamesItInBrackets() {
        assertEquals("http://[::1]:8080", Main.baseUrl("::1", 8080));
    }

    @Test
    void aParleyBoundToEveryAddressNamesLocalhost() {
        assertEquals("http://localhost:8080", Main.baseUrl("0.0.0.0", 8080));
        assertEquals("http://localhost:8080", Main.baseUrl("::", 8080));
    }
}
