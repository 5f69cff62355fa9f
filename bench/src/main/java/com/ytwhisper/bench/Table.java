package com.ytwhisper.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The printed result: one row per figure, each beside the baseline measured in the same run. */
public final class Table {

    /** A row; {@code baseline} may be null when a row only says why it was skipped. */
    public record Row(String item, String measure, String figure, String baselineName, String baseline) {
    }

    private final List<Row> rows = new ArrayList<>();

    public synchronized void add(String item, String measure, Figure figure, String baselineName, Figure baseline) {
        rows.add(new Row(item, measure, figure.render(), baselineName, baseline == null ? "" : baseline.render()));
    }

    /** A row whose figure is text (a ratio, or why the item was skipped). */
    public synchronized void note(String item, String measure, String text, String baselineName, String baseline) {
        rows.add(new Row(item, measure, text, baselineName, baseline));
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A Markdown table in item order (rows of one item keep theirs), readable in a terminal and pasteable. */
    public synchronized void print(PrintStream out) {
        String[] head = {"#", "measure", "figure", "baseline", "baseline figure"};
        int[] width = new int[head.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows.stream().sorted(Comparator.comparing(Row::item)).toList()) {
            cells.add(new String[] {r.item(), r.measure(), r.figure(), r.baselineName(), r.baseline()});
        }
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (int l = 0; l < cells.size(); l++) {
            out.println(line(cells.get(l), width));
            if (l == 0) {
                String[] rule = new String[head.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                out.println(line(rule, width));
            }
        }
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
        }
        return sb.toString();
    }
}
