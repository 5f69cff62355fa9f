package com.ytwhisper.client.runpod;

/** Configuration is missing or unsafe; the message says exactly what to set (exit code 2). */
public class ConfigProblem extends RuntimeException {

    public ConfigProblem(String message) {
        super(message);
    }
}
