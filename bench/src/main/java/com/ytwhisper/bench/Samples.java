package com.ytwhisper.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named series of samples collected over runs, e.g. {@code ready_ms} per launcher. */
final class Samples {

    private final Map<String, List<Double>> series = new LinkedHashMap<>();

    synchronized void add(String name, double value) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    synchronized List<Double> get(String name) {
        return List.copyOf(series.getOrDefault(name, List.of()));
    }

    Figure figure(String name, String unit) {
        return Figure.of(unit, get(name));
    }

    synchronized Map<String, List<Double>> all() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        series.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }
}
