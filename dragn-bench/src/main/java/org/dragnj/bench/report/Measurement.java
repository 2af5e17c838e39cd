package org.dragnj.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark's result as the summary reads it: which benchmark with which parameters, its mean
 * time per operation, and what the runner knows about the operation (e.g. images per operation).
 *
 * @param section      depth, loop, trunk, training, pipeline or hpa
 * @param benchmark    simple class name and method, e.g. "AggregationBenchmark.forward"
 * @param params       the JMH parameters
 * @param seconds      median over the measurement iterations of the time per operation, in seconds (robust to
 *                     load bursts from other processes); NaN when the benchmark failed
 * @param meanSeconds  JMH's score: the mean over the measurement iterations
 * @param errorSeconds half-width of JMH's 99.9 % confidence interval of the mean (NaN with too few samples)
 * @param samples      measurement samples (iterations, or single shots)
 * @param extras       facts about one operation: "images", "bags", "crops", "flopsPerImage", …
 * @param loadBefore   1-minute load average when the benchmark started
 * @param loadAfter    1-minute load average when it ended
 * @param wallSeconds  wall time of the whole benchmark (fork, warm-up, measurement)
 */
public record Measurement(String section, String benchmark, Map<String, String> params, double seconds,
        double meanSeconds, double errorSeconds, int samples, Map<String, Double> extras, double loadBefore, double loadAfter,
        double wallSeconds) {

    public Measurement {
        params = Map.copyOf(params);
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    public String param(String name) {
        return params.get(name);
    }

    public double extra(String name) {
        Double v = extras.get(name);
        return v == null ? Double.NaN : v;
    }

    public boolean ok() {
        return !Double.isNaN(seconds);
    }

    public double millis() {
        return seconds * 1e3;
    }

    /** Whether this is {@code benchmark} with every given parameter (name, value, name, value, …). */
    public boolean is(String benchmark, String... nameValues) {
        if (!this.benchmark.equals(benchmark)) {
            return false;
        }
        for (int i = 0; i < nameValues.length; i += 2) {
            if (!nameValues[i + 1].equals(params.get(nameValues[i]))) {
                return false;
            }
        }
        return true;
    }
}
