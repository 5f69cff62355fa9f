package com.ytwhisper.worker.egress;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a host as spelled in a URL or CONNECT line into an address without asking DNS, the way
 * the C library does: IPv4 in every {@code inet_aton} spelling ({@code 127.1}, {@code 2130706433},
 * {@code 0x7f.1}, {@code 017700000001}) and IPv6 literals with or without brackets.
 */
final class HostLiteral {

    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Cidr IPV4_MAPPED = Cidr.parse("::ffff:0:0/96");

    private HostLiteral() {
    }

    /** Lower case, without brackets or a trailing dot: the form policies compare. */
    static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** True when every dot-separated part is a number, i.e. the host can only mean an IPv4 address. */
    static boolean looksNumeric(String host) {
        String h = normalize(host);
        if (h.isEmpty()) {
            return false;
        }
        for (String part : h.split("\\.", -1)) {
            if (!NUMERIC_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The address the host spells, or empty when it is a name (or not a valid address). */
    static Optional<InetAddress> parse(String host) {
        String h = normalize(host);
        if (h.contains(":")) {
            return ipv6(h);
        }
        return looksNumeric(h) ? ipv4(h) : Optional.empty();
    }

    private static Optional<InetAddress> ipv6(String h) {
        try {
            InetAddress parsed = InetAddress.getByName(h);
            if (parsed instanceof Inet6Address) {
                return Optional.of(parsed);
            }
            // Java turns ::ffff:a.b.c.d into IPv4; keep the spelled family, AddressKind unwraps it
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(parsed.getAddress(), 0, mapped, 12, 4);
            return Optional.of(Inet6Address.getByAddress(null, mapped, -1));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            BigInteger part;
            try {
                part = number(parts[i]);
            } catch (NumberFormatException e) {
                return Optional.empty(); // e.g. "08": not octal, and the C library refuses it too
            }
            boolean last = i == parts.length - 1;
            // the last part fills every byte left: a.b.c.d, a.b.c(16 bits), a.b(24 bits), a(32 bits)
            int bits = last ? 8 * (4 - i) : 8;
            if (part.bitLength() > bits) {
                return Optional.empty();
            }
            value = (value << (last ? bits : 8)) | part.longValue();
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static BigInteger number(String part) {
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return part.length() == 2 ? BigInteger.ZERO : new BigInteger(part.substring(2), 16);
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return new BigInteger(part.substring(1), 8);
        }
        return new BigInteger(part);
    }

    /** The IPv4 address an IPv4-mapped IPv6 address stands for; other addresses unchanged. */
    static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (IPV4_MAPPED.contains(address)) {
            return Cidr.ipv4At(b, 12);
        }
        return address;
    }
}
