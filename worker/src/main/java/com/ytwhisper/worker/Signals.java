package com.ytwhisper.worker;

import sun.misc.Signal;

/**
 * Takes over SIGTERM and SIGINT. The JVM's default would run the shutdown hooks and exit 143,
 * which the platform reads as a crash; the worker drains instead and exits 0.
 */
final class Signals {

    private Signals() {
    }

    static void onTermination(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> action.run());
        }
    }
}
