package com.ytwhisper.worker.egress;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPolicyTest {

    /** DNS stand-in: a few test names with fixed answers; everything else does not resolve. */
    private static final Map<String, String[]> DNS = Map.of(
            "public.test", new String[] {"93.184.216.34"},
            "rebind.test", new String[] {"10.0.0.7"},
            "mixed.test", new String[] {"93.184.216.34", "127.0.0.1"},
            "minio", new String[] {"172.18.0.5"},
            "www.youtube.com", new String[] {"142.250.1.1"},
            "rr1.googlevideo.com", new String[] {"142.250.1.2"},
            "googlevideo.com", new String[] {"142.250.1.3"},
            "evil.example", new String[] {"203.0.114.9"});

    private static InetAddress[] standInDns(String host) throws UnknownHostException {
        String[] answers = DNS.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[answers.length];
        for (int i = 0; i < answers.length; i++) {
            out[i] = InetAddress.getByName(answers[i]);
        }
        return out;
    }

    private static UrlPolicy policy(String allowPrivate, String allowlist) {
        return UrlPolicy.of(allowPrivate, allowlist, UrlPolicyTest::standInDns);
    }

    private static final UrlPolicy STRICT = policy("", "");

    private static String refusal(UrlPolicy policy, String url) {
        UrlRefusedException e = assertThrows(UrlRefusedException.class, () -> policy.checkHttpUrl("youtube_url", url));
        assertEquals("youtube_url", e.field());
        assertTrue(e.getMessage().startsWith("youtube_url"), e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://localhost/", "http://LOCALHOST./x", "http://foo.localhost:8080/", "http://127.0.0.1/",
        "http://127.1/", "http://127.0.1/", "http://2130706433/", "http://0x7f.1/", "http://0x7f000001/",
        "http://017700000001/", "http://0177.0.0.1/", "http://127.000.000.001/", "http://127.0.0.1.:8080/",
        "http://127.255.255.254/", "http://[::1]/", "http://[0:0:0:0:0:0:0:1]:80/", "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/", "http://[::127.0.0.1]/",
        "http://[::ffff:0:7f00:1]/", "http://[::ffff:0:127.0.0.1]/", "http://[0:0:0:0:ffff:0:7f00:1]:80/",
        "https://user:pw@127.0.0.1/", "http://evil.example@127.0.0.1/"})
    void everySpellingOfLoopbackIsRefused(String url) {
        String message = refusal(STRICT, url);
        assertTrue(message.contains("loopback address"), message);
        assertTrue(message.contains("WORKER_ALLOW_PRIVATE_URLS="), "the fix is named: " + message);
    }

    @ParameterizedTest
    @CsvSource({
        "http://0.0.0.0/, unspecified address",
        "http://0/, unspecified address",
        "http://[::]/, unspecified address",
        "http://169.254.169.254/latest/meta-data/, link-local address",
        "http://[::ffff:169.254.169.254]/, link-local address",
        "http://[::ffff:0:a9fe:a9fe]/, link-local address",
        "http://[::ffff:0:10.0.0.1]/, private address",
        "http://[64:ff9b::a00:1]/, private address",
        "http://[2002:c0a8:101::]/, private address",
        "http://[fe80::1]/, link-local address",
        "http://10.0.0.1/, private address",
        "http://172.16.5.4/, private address",
        "http://172.31.255.255/, private address",
        "http://192.168.1.1/, private address",
        "http://[fc00::1]/, private address",
        "http://[fd12:3456::1]/, private address",
        "http://100.64.0.1/, carrier-grade NAT address",
        "http://224.0.0.1/, multicast address",
        "http://[ff02::1]/, multicast address",
        "http://255.255.255.255/, reserved address",
        "http://rebind.test/, private address 10.0.0.7",
        "http://mixed.test/, loopback address 127.0.0.1"})
    void nonPublicRangesAreRefused(String url, String reason) {
        String message = refusal(STRICT, url);
        assertTrue(message.contains(reason), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://8.8.8.8/", "https://[2606:4700:4700::1111]/dns", "http://172.32.0.1/",
        "http://public.test/watch?v=abc", "HTTPS://PUBLIC.TEST:8443/x", "http://100.128.0.1/"})
    void publicAddressesPass(String url) {
        assertDoesNotThrow(() -> STRICT.checkHttpUrl("youtube_url", url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://public.test/x.mp4", "gopher://public.test/", "data:text/plain,hi",
        "javascript:alert(1)", "--exec=touch /tmp/pwned", "-o/tmp/x", "www.youtube.com/watch?v=x", "", "  ",
        "http://", "http:///path", "http://exa mple.com/"})
    void onlyAbsoluteHttpUrlsPass(String url) {
        String message = refusal(STRICT, url);
        assertTrue(message.contains("http") || message.contains("URL"), message);
    }

    @Test
    void aMegabyteStringIsRefusedWithoutParsing() {
        String huge = "http://public.test/" + "a".repeat(1 << 20);
        assertTrue(refusal(STRICT, huge).contains("longer than 8192 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://1.2.3.4.5/", "http://08.0.0.1/", "http://0x1ffffffff/", "http://256.1.1.1/"})
    void numericHostsThatAreNoAddressAreRefused(String url) {
        assertTrue(refusal(STRICT, url).contains("not a valid IP address"));
    }

    @Test
    void unresolvableHostsAreRefused() {
        assertTrue(refusal(STRICT, "http://nosuch.invalid/").contains("does not resolve"));
    }

    @Test
    void messagesNeverCarryTheQueryString() {
        String message = refusal(STRICT, "http://10.0.0.1/media.mp4?X-Amz-Signature=secret123&token=abc");
        assertFalse(message.contains("secret123"), message);
        assertFalse(message.contains("token=abc"), message);
    }

    @Test
    void hostPortAllowanceAllowsExactlyThatAddressAndPort() {
        UrlPolicy policy = policy("127.0.0.1:8080", "");
        assertDoesNotThrow(() -> policy.checkHttpUrl("youtube_url", "http://127.0.0.1:8080/a.mp4"));
        assertDoesNotThrow(() -> policy.checkHttpUrl("youtube_url", "http://127.1:8080/a.mp4"));
        assertTrue(refusal(policy, "http://127.0.0.1:8081/").contains("loopback"));
        assertTrue(refusal(policy, "http://127.0.0.2:8080/").contains("loopback"));
        assertDoesNotThrow(() -> policy.checkHttpUrl("youtube_url", "http://localhost:8080/")); // an IP entry matches any spelling
        assertTrue(refusal(policy, "http://169.254.169.254/").contains("link-local"));
    }

    @Test
    void hostNameAllowanceMatchesTheSpelledName() {
        UrlPolicy policy = policy("minio:9000, [::1]:9001", "");
        assertDoesNotThrow(() -> policy.checkEndpointUrl("s3_endpoint_url", "http://minio:9000"));
        assertDoesNotThrow(() -> policy.checkEndpointUrl("s3_endpoint_url", "http://[::1]:9001"));
        assertThrows(UrlRefusedException.class, () -> policy.checkEndpointUrl("s3_endpoint_url", "http://minio:9001"));
    }

    @Test
    void cidrAndTrueAllowances() {
        UrlPolicy cidr = policy("10.0.0.0/8,fd00::/8", "");
        assertDoesNotThrow(() -> cidr.checkHttpUrl("audio_url", "http://10.1.2.3:1234/a.mp3"));
        assertDoesNotThrow(() -> cidr.checkHttpUrl("audio_url", "http://rebind.test/a.mp3"));
        assertDoesNotThrow(() -> cidr.checkHttpUrl("audio_url", "http://[fd00::5]/a.mp3"));
        assertThrows(UrlRefusedException.class, () -> cidr.checkHttpUrl("audio_url", "http://192.168.0.1/"));
        UrlPolicy all = policy("true", "");
        assertDoesNotThrow(() -> all.checkHttpUrl("audio_url", "http://169.254.169.254/"));
        assertThrows(UrlRefusedException.class, () -> all.checkHttpUrl("audio_url", "file:///etc/passwd"));
    }

    @Test
    void allowlistRestrictsPublicHosts() {
        UrlPolicy policy = policy("", "www.youtube.com, *.googlevideo.com");
        assertDoesNotThrow(() -> policy.checkHttpUrl("youtube_url", "https://www.youtube.com/watch?v=x"));
        assertDoesNotThrow(() -> policy.checkHttpUrl("youtube_url", "https://rr1.googlevideo.com/videoplayback"));
        String message = refusal(policy, "https://evil.example/");
        assertTrue(message.contains("WORKER_URL_ALLOWLIST"), message);
        assertThrows(UrlRefusedException.class, () -> policy.checkHttpUrl("youtube_url", "https://googlevideo.com/"));
        assertTrue(refusal(policy, "http://127.0.0.1/").contains("loopback"), "the allowlist never opens private ranges");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "10.0.0.0/33", "host:port", "host:0", "300.1.1.1/8"})
    void badAllowanceSettingsNameTheSetting(String setting) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlPolicy.of(setting, ""));
        assertTrue(e.getMessage().contains("WORKER_ALLOW_PRIVATE_URLS"), e.getMessage());
    }

    @Test
    void badAllowlistNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlPolicy.of("", "a.com, *.*.b"));
        assertTrue(e.getMessage().contains("WORKER_URL_ALLOWLIST"), e.getMessage());
    }

    @Test
    void audioUrlTakesS3AndHttp() {
        assertEquals("s3", STRICT.checkAudioUrl("audio_url", "s3://my-bucket/media/talk.mp3").getScheme());
        assertDoesNotThrow(() -> STRICT.checkAudioUrl("audio_url", "https://public.test/talk.mp3"));
        assertThrows(UrlRefusedException.class, () -> STRICT.checkAudioUrl("audio_url", "s3://my-bucket"));
        assertThrows(UrlRefusedException.class, () -> STRICT.checkAudioUrl("audio_url", "s3://Bad_Bucket/key"));
        assertThrows(UrlRefusedException.class, () -> STRICT.checkHttpUrl("youtube_url", "s3://my-bucket/key"));
        assertThrows(UrlRefusedException.class, () -> STRICT.checkAudioUrl("audio_url", "http://169.254.169.254/x"));
    }

    @Test
    void endpointCheckRefusesTheMetadataAddress() {
        UrlRefusedException e = assertThrows(UrlRefusedException.class,
                () -> STRICT.checkEndpointUrl("s3_endpoint_url", "http://169.254.169.254"));
        assertTrue(e.getMessage().startsWith("s3_endpoint_url"), e.getMessage());
        assertTrue(e.getMessage().contains("link-local"), e.getMessage());
    }

    @Test
    void destinationCheckReturnsTheCheckedAddresses() throws Exception {
        assertEquals(InetAddress.getByName("93.184.216.34"), STRICT.checkDestination("public.test", 443).get(0));
        DestinationRefusedException e = assertThrows(DestinationRefusedException.class,
                () -> STRICT.checkDestination("0x7f.1", 80));
        assertEquals("0x7f.1:80: loopback address 127.0.0.1", e.getMessage());
    }
}
