package com.ytwhisper.worker.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What kind of network an address belongs to. Everything but {@link #PUBLIC} is the worker's own
 * or its provider's network, which a job must not reach (metadata services, sidecars, S3 stand-ins).
 */
public enum AddressKind {
    PUBLIC("public address"),
    LOOPBACK("loopback address"),
    PRIVATE("private address"),
    SHARED("carrier-grade NAT address"),
    LINK_LOCAL("link-local address"),
    MULTICAST("multicast address"),
    UNSPECIFIED("unspecified address"),
    RESERVED("reserved address");

    private static final Map<Cidr, AddressKind> IPV4 = ranges(
            "0.0.0.0/8", UNSPECIFIED,
            "127.0.0.0/8", LOOPBACK,
            "10.0.0.0/8", PRIVATE,
            "172.16.0.0/12", PRIVATE,
            "192.168.0.0/16", PRIVATE,
            "100.64.0.0/10", SHARED,
            "169.254.0.0/16", LINK_LOCAL,
            "224.0.0.0/4", MULTICAST,
            "240.0.0.0/4", RESERVED,
            "192.0.0.0/24", RESERVED,
            "192.0.2.0/24", RESERVED,
            "198.18.0.0/15", RESERVED,
            "198.51.100.0/24", RESERVED,
            "203.0.113.0/24", RESERVED);

    private static final Map<Cidr, AddressKind> IPV6 = ranges(
            "::/128", UNSPECIFIED,
            "::1/128", LOOPBACK,
            "fc00::/7", PRIVATE,
            "fec0::/10", PRIVATE,
            "64:ff9b:1::/48", PRIVATE,
            "fe80::/10", LINK_LOCAL,
            "ff00::/8", MULTICAST,
            "100::/64", RESERVED,
            "2001::/32", RESERVED,
            "2001:db8::/32", RESERVED);

    /**
     * IPv6 ranges whose addresses carry an IPv4 address, and where in the 16 bytes it sits:
     * IPv4-mapped, IPv4-translated (SIIT, RFC 2765: {@code ::ffff:0:a.b.c.d}), IPv4-compatible,
     * NAT64 (RFC 6052) and 6to4 (RFC 3056).
     */
    private static final Map<Cidr, Integer> EMBEDDED_IPV4 = Map.of(
            Cidr.parse("::ffff:0:0/96"), 12,
            Cidr.parse("::ffff:0:0:0/96"), 12,
            Cidr.parse("::/96"), 12,
            Cidr.parse("64:ff9b::/96"), 12,
            Cidr.parse("2002::/16"), 2);

    private final String description;

    AddressKind(String description) {
        this.description = description;
    }

    /** Words for error messages, e.g. {@code loopback address}. */
    public String description() {
        return description;
    }

    public static AddressKind of(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            for (Map.Entry<Cidr, AddressKind> range : IPV6.entrySet()) {
                if (range.getKey().contains(address)) {
                    return range.getValue();
                }
            }
            // mapped (::ffff:a.b.c.d), translated (::ffff:0:a.b.c.d), compatible, NAT64 and 6to4 addresses reach an IPv4 host
            for (Map.Entry<Cidr, Integer> range : EMBEDDED_IPV4.entrySet()) {
                if (range.getKey().contains(address)) {
                    return of(Cidr.ipv4At(bytes, range.getValue()));
                }
            }
            return PUBLIC;
        }
        for (Map.Entry<Cidr, AddressKind> range : IPV4.entrySet()) {
            if (range.getKey().contains(address)) {
                return range.getValue();
            }
        }
        return PUBLIC;
    }

    private static Map<Cidr, AddressKind> ranges(Object... pairs) {
        Map<Cidr, AddressKind> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(Cidr.parse((String) pairs[i]), (AddressKind) pairs[i + 1]);
        }
        return map;
    }
}
