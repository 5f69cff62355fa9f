package com.ytwhisper.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The table to print and the raw numbers behind it, saved as JSON. */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final Table table = new Table();
    private final ObjectNode root = JSON.createObjectNode();
    private final ObjectNode items = root.putObject("items");

    Report(Map<String, Object> meta) {
        root.set("meta", JSON.valueToTree(meta));
    }

    /** Raw samples (lists, maps, numbers) under {@code items.<item>.<key>}. */
    synchronized void raw(String item, String key, Object value) {
        ObjectNode node = items.has(item) ? (ObjectNode) items.get(item) : items.putObject(item);
        node.set(key, JSON.valueToTree(value));
    }

    /** Adds a row: the figure beside the baseline measured in the same run. */
    void row(String item, String measure, Figure figure, String baselineName, Figure baseline) {
        table.add(item, measure, figure, baselineName, baseline);
    }

    Path save(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        ObjectNode out = root.deepCopy();
        out.set("table", JSON.valueToTree(table.rows()));
        Path file = folder.resolve(name);
        JSON.writeValue(file.toFile(), out);
        return file;
    }
}
