package com.ytwhisper.worker.egress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The non-public destinations an operator lets jobs reach ({@code WORKER_ALLOW_PRIVATE_URLS}):
 * {@code true} for all of them, or a comma list of {@code host:port} entries and CIDR ranges,
 * e.g. {@code 127.0.0.1:8080,minio:9000,10.1.0.0/16}. Meant for local testing and compose setups.
 */
public final class PrivateAllowance {

    public static final String SETTING = "WORKER_ALLOW_PRIVATE_URLS";

    private record HostPort(String host, Optional<InetAddress> address, int port) {
    }

    private final boolean everything;
    private final List<HostPort> hostPorts;
    private final List<Cidr> ranges;

    private PrivateAllowance(boolean everything, List<HostPort> hostPorts, List<Cidr> ranges) {
        this.everything = everything;
        this.hostPorts = hostPorts;
        this.ranges = ranges;
    }

    static PrivateAllowance none() {
        return new PrivateAllowance(false, List.of(), List.of());
    }

    static PrivateAllowance parse(String setting) {
        String text = setting == null ? "" : setting.strip();
        if (text.isEmpty() || text.equalsIgnoreCase("false")) {
            return none();
        }
        if (text.equalsIgnoreCase("true")) {
            return new PrivateAllowance(true, List.of(), List.of());
        }
        List<HostPort> hostPorts = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                if (entry.contains("/") || HostLiteral.parse(entry).isPresent()) {
                    ranges.add(Cidr.parse(entry));
                } else {
                    hostPorts.add(hostPort(entry));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SETTING + " entry '" + entry + "' is not valid (" + e.getMessage()
                        + "); use true, host:port entries or CIDR ranges such as 10.0.0.0/8, separated by commas");
            }
        }
        return new PrivateAllowance(false, List.copyOf(hostPorts), List.copyOf(ranges));
    }

    private static HostPort hostPort(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("expected host:port");
        }
        String host = HostLiteral.normalize(entry.substring(0, colon));
        int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port is outside 1-65535");
        }
        return new HostPort(host, HostLiteral.parse(host).map(HostLiteral::unmapped), port);
    }

    boolean allowsEverything() {
        return everything;
    }

    /**
     * @param host    the host as spelled (normalized) in the URL or CONNECT line
     * @param address one address it resolved to
     */
    boolean allows(String host, InetAddress address, int port) {
        if (everything) {
            return true;
        }
        InetAddress plain = HostLiteral.unmapped(address);
        for (Cidr range : ranges) {
            if (range.contains(plain)) {
                return true;
            }
        }
        for (HostPort entry : hostPorts) {
            if (entry.port() == port && entry.address().map(plain::equals).orElse(entry.host().equals(host))) {
                return true;
            }
        }
        return false;
    }
}
