package com.ytwhisper.worker.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostLiteralTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1", "127.1, 127.0.0.1", "127.0.1, 127.0.0.1", "2130706433, 127.0.0.1",
        "0x7f.1, 127.0.0.1", "0X7F000001, 127.0.0.1", "017700000001, 127.0.0.1", "0177.0.0.01, 127.0.0.1",
        "0, 0.0.0.0", "0x, 0.0.0.0", "10.0x10.010.9, 10.16.8.9", "[::1], 0:0:0:0:0:0:0:1"})
    void parsesLikeTheCLibrary(String host, String address) throws Exception {
        assertEquals(Optional.of(InetAddress.getByName(address)), HostLiteral.parse(host));
    }

    @ParameterizedTest
    @CsvSource({"example.com", "1.2.3.4.5", "08", "256.0.0.1", "1.2.65536", "0x100000000", "127.0.0.1x", "cafe"})
    void namesAndImpossibleNumbersAreNoAddress(String host) {
        assertEquals(Optional.empty(), HostLiteral.parse(host));
    }

    /** Addresses in 127.0.0.0/8, in every inet_aton spelling (1-4 parts, each decimal, octal or hex), are loopback. */
    @Test
    void everySpellingOfLoopbackIsLoopback() throws Exception {
        Random random = new Random(20240611);
        for (int i = 0; i < 2000; i++) {
            long value = (127L << 24) | random.nextInt(1 << 24);
            String spelled = spell(value, 1 + random.nextInt(4), random.nextInt(81));
            InetAddress parsed = HostLiteral.parse(spelled).orElseThrow(() -> new AssertionError(spelled));
            assertEquals(InetAddress.getByAddress(new byte[] {
                (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value}), parsed, spelled);
            assertEquals(AddressKind.LOOPBACK, AddressKind.of(parsed), spelled);
        }
    }

    private static String spell(long value, int parts, int radixSeed) {
        long[] numbers = new long[parts];
        int lastBits = 8 * (5 - parts);
        numbers[parts - 1] = value & ((1L << lastBits) - 1);
        for (int i = parts - 2, shift = lastBits; i >= 0; i--, shift += 8) {
            numbers[i] = (value >> shift) & 0xFF;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            int radix = (radixSeed / (int) Math.pow(3, i % 4)) % 3;
            out.append(i == 0 ? "" : ".").append(switch (radix) {
                case 0 -> Long.toString(numbers[i]);
                case 1 -> "0" + Long.toOctalString(numbers[i]);
                default -> "0x" + Long.toHexString(numbers[i]);
            });
        }
        return out.toString();
    }
}
