package com.ytwhisper.worker;

import java.util.Optional;

/**
 * The worker's command-line flags, named as the Python SDK names them
 * (docs/runpod-protocol.md §2.3).
 *
 * @param serveApi  {@code --rp_serve_api}: serve the endpoint API on localhost
 * @param apiHost   {@code --rp_api_host} (default 127.0.0.1)
 * @param apiPort   {@code --rp_api_port} (default 8000; 0 picks a free port)
 * @param testInput {@code --test_input '<json>'}: run this one job and exit
 */
public record LaunchOptions(boolean serveApi, String apiHost, int apiPort, Optional<String> testInput) {

    public static final String USAGE = "usage: worker [--test_input '<job json>'] "
            + "| [--rp_serve_api [--rp_api_host HOST] [--rp_api_port PORT]]";

    /** Parses {@code args}; throws {@link IllegalArgumentException} naming the bad flag. */
    public static LaunchOptions parse(String... args) {
        boolean serve = false;
        String host = "127.0.0.1";
        int port = 8000;
        String testInput = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--rp_serve_api" -> serve = true;
                case "--rp_api_host" -> host = value(args, i, arg);
                case "--rp_api_port" -> port = port(value(args, i, arg));
                case "--test_input" -> testInput = value(args, i, arg);
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'. " + USAGE);
            }
            if (!arg.contains("=") && !name.equals("--rp_serve_api")) {
                i++;
            }
        }
        if (serve && testInput != null) {
            throw new IllegalArgumentException("--rp_serve_api and --test_input exclude each other. " + USAGE);
        }
        return new LaunchOptions(serve, host, port, Optional.ofNullable(testInput));
    }

    private static String value(String[] args, int i, String arg) {
        if (arg.contains("=")) {
            return arg.substring(arg.indexOf('=') + 1);
        }
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(arg + " needs a value. " + USAGE);
        }
        return args[i + 1];
    }

    private static int port(String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--rp_api_port must be a port number 0-65535 (0 = any free port), got '"
                + value + "'");
    }
}
