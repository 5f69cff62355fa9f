package com.ytwhisper.worker.egress;

/** A host as spelled plus a port, read from a URL authority or a CONNECT target. */
record HostAndPort(String host, int port) {

    /**
     * @param authority   {@code host}, {@code host:port}, {@code [v6]:port}; user info is dropped
     * @param defaultPort used when the authority names none
     */
    static HostAndPort parse(String authority, int defaultPort) {
        String a = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        String port = null;
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed IPv6 literal");
            }
            host = a.substring(1, close);
            if (a.length() > close + 1) {
                if (a.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("junk after IPv6 literal");
                }
                port = a.substring(close + 2);
            }
        } else {
            int colon = a.indexOf(':');
            host = colon < 0 ? a : a.substring(0, colon);
            port = colon < 0 ? null : a.substring(colon + 1);
        }
        int number = defaultPort;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port is not a number");
            }
        }
        if (host.isEmpty() || number < 1 || number > 65535) {
            throw new IllegalArgumentException("no host or port out of range");
        }
        return new HostAndPort(host, number);
    }

    /** {@code host:port} with IPv6 hosts bracketed. */
    static String format(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return format(host, port);
    }
}
