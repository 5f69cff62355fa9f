package com.ytwhisper.testkit.endpoint;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job the emulator holds: its input and policy as received, and its script. Each {@code /status}
 * call moves it one step further; it then stays at the last step.
 */
public final class EmulatedJob {

    private final String id;
    private final JsonNode input;
    private final JsonNode policy;
    private List<Step> script;
    private int position;
    private int terminalReads;
    private int streamedSteps;
    private boolean expired;

    EmulatedJob(String id, JsonNode input, JsonNode policy, List<Step> script) {
        this.id = id;
        this.input = input;
        this.policy = policy;
        this.script = List.copyOf(script);
    }

    public String id() {
        return id;
    }

    /** The {@code input} exactly as the client sent it. */
    public JsonNode input() {
        return input;
    }

    /** The {@code policy} as the client sent it, or null. */
    public JsonNode policy() {
        return policy;
    }

    public synchronized Step current() {
        return script.get(position);
    }

    public synchronized boolean isExpired() {
        return expired;
    }

    synchronized Step advance() {
        if (position < script.size() - 1) {
            position++;
        } else if (current().isTerminal()) {
            terminalReads++;
        }
        return current();
    }

    /** The partial outputs of the steps reached since the last call, each handed out once (as Runpod's /stream). */
    synchronized java.util.List<JsonNode> takeStream() {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        for (; streamedSteps <= position; streamedSteps++) {
            items.addAll(script.get(streamedSteps).partials());
        }
        return items;
    }

    synchronized int terminalReads() {
        return terminalReads;
    }

    synchronized void replaceScript(List<Step> next) {
        script = List.copyOf(next);
        position = 0;
        streamedSteps = 0;
        terminalReads = 0;
    }

    synchronized void expire() {
        expired = true;
    }
}
