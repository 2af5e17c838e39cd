package org.dragnj.bench;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One JMH benchmark run: a benchmark method with one value per parameter, its warm-up and
 * measurement, in one forked JVM.
 *
 * @param section          report section
 * @param benchmark        the benchmark class
 * @param method           the benchmark method
 * @param params           one value per JMH parameter
 * @param warmups          warm-up iterations
 * @param iterations       measurement iterations
 * @param iterationSeconds length of each iteration (time-based modes)
 * @param extras           facts about one operation, passed through to the summary
 */
public record Job(String section, Class<?> benchmark, String method, Map<String, String> params, int warmups,
        int iterations, double iterationSeconds, Map<String, Double> extras) {

    public Job {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    public String benchmarkName() {
        return benchmark.getSimpleName() + "." + method;
    }

    /** Parameters in a fixed order, for progress lines. */
    private static final List<String> ORDER = List.of("aggregation", "unit", "variant", "feed", "mode", "dataset",
            "trunk", "batch", "threads", "n", "map", "size", "images");

    public String describe() {
        return benchmarkName() + " " + params.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> ORDER.indexOf(e.getKey()) < 0
                        ? ORDER.size() : ORDER.indexOf(e.getKey())).thenComparing(Map.Entry::getKey))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
