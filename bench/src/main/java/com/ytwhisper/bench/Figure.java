package com.ytwhisper.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One measured quantity over several runs: the samples and their unit. Shown as the median with
 * the spread (min–max) and the number of samples, because these machines are noisy.
 */
public record Figure(String unit, List<Double> samples) {

    public Figure {
        samples = List.copyOf(samples);
    }

    public static Figure of(String unit, List<Double> samples) {
        return new Figure(unit, samples);
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    public double median() {
        return percentile(50);
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        List<Double> s = sorted();
        return s.get(s.size() - 1);
    }

    /** Nearest-rank percentile, {@code p} in 0–100. */
    public double percentile(double p) {
        return percentile(samples, p);
    }

    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        if (p == 50 && s.size() % 2 == 0) {
            return (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    /** {@code 2.91 s (2.80–3.02, n=5)}; one sample shows no spread. */
    public String render() {
        if (samples.isEmpty()) {
            return "n/a";
        }
        if (samples.size() == 1) {
            return number(median()) + " " + unit + " (n=1)";
        }
        return number(median()) + " " + unit + " (" + number(min()) + "–" + number(max()) + ", n=" + samples.size() + ")";
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        return s;
    }

    /** Three significant digits are all these machines can support. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
