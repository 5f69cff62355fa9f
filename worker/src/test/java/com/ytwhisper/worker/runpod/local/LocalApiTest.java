package com.ytwhisper.worker.runpod.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The listening line names an address clients can use. */
class LocalApiTest {

    @Test
    void anIpv6AddressIsBracketedOnceWhetherGivenWithBracketsOrNot() {
        assertEquals("http://[::1]:8000/v2/<any>/", LocalApi.baseUrl("[::1]", 8000));
        assertEquals("http://[::1]:8000/v2/<any>/", LocalApi.baseUrl("::1", 8000));
        assertEquals("http://127.0.0.1:8000/v2/<any>/", LocalApi.baseUrl("127.0.0.1", 8000));
    }
}
