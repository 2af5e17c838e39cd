package org.dragnj.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dragnj.model.aggregation.dragn.Recursion;

/** summary.json: the report's tables as data, with every raw measurement; NaN becomes null. */
final class SummaryJson {

    private SummaryJson() {
    }

    static Map<String, Object> of(Summary.Report r) {
        BenchContext c = r.context();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("preset", c.preset());
        root.put("command", c.command());
        root.put("startedAt", c.startedAt());
        root.put("wallSeconds", num(c.wallSeconds()));
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", c.cpu());
        machine.put("peakGflops", num(c.peakGflops()));
        machine.put("peakDescription", c.peakDescription());
        machine.put("environment", c.environment());
        machine.put("meanLoad1m", num(r.meanLoad()));
        machine.put("maxLoad1m", num(r.maxLoad()));
        machine.put("busy", r.busy());
        root.put("machine", machine);
        root.put("shapes", c.shapes());
        root.put("notes", c.notes());
        List<Object> targets = new ArrayList<>();
        for (Summary.Target t : r.targets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("measured", num(t.measured()));
            m.put("unit", t.unit());
            m.put("required", t.required());
            m.put("pass", Double.isFinite(t.measured()) ? t.pass() : null);
            m.put("margin", t.margin());
            m.put("detail", t.detail());
            targets.add(m);
        }
        root.put("targets", targets);
        List<Object> depth = new ArrayList<>();
        for (Summary.DepthRow d : r.depth()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shape", d.shape());
            m.put("aggregation", d.aggregation().name());
            m.put("n", d.n());
            if (d.aggregation().unitDepth().isPresent()) {
                m.put("rounds", Recursion.rounds(d.n()));
                m.put("unitApplications", Recursion.unitApplications(d.n()));
            }
            m.put("forwardFlops", d.forwardFlops());
            m.put("forwardBackwardFlops", d.forwardBackwardFlops());
            m.put("forwardMs", num(1e3 * d.seconds(false)));
            m.put("forwardMeanMs", num(d.forward() == null ? Double.NaN : 1e3 * d.forward().meanSeconds()));
            m.put("forwardErrorMs", num(d.forward() == null ? Double.NaN : 1e3 * d.forward().errorSeconds()));
            m.put("forwardGflops", num(d.gflops(false)));
            m.put("forwardPeakFraction", num(d.gflops(false) / c.peakGflops()));
            m.put("forwardBackwardMs", num(1e3 * d.seconds(true)));
            m.put("forwardBackwardMeanMs", num(d.forwardBackward() == null ? Double.NaN
                    : 1e3 * d.forwardBackward().meanSeconds()));
            m.put("forwardBackwardErrorMs", num(d.forwardBackward() == null ? Double.NaN
                    : 1e3 * d.forwardBackward().errorSeconds()));
            m.put("forwardBackwardGflops", num(d.gflops(true)));
            m.put("forwardBackwardPeakFraction", num(d.gflops(true) / c.peakGflops()));
            depth.add(m);
        }
        root.put("depth", depth);
        List<Object> fits = new ArrayList<>();
        for (Summary.FitRow f : r.fits()) {
            fits.add(Map.of("shape", f.shape(), "aggregation", f.aggregation().name(), "mode",
                    f.backward() ? Summary.FORWARD_BACKWARD : Summary.FORWARD, "aMs", 1e3 * f.fit().a(), "bMsPerQuarterSquare",
                    1e3 * f.fit().b(), "points", f.points()));
        }
        root.put("depthFits", fits);
        List<Object> loop = new ArrayList<>();
        for (Summary.LoopRow l : r.loop()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", l.unit());
            m.put("shape", l.shape());
            m.put("n", l.n());
            m.put("windows", l.windows());
            m.put("batchedForwardMs", num(1e3 * l.batchedForward()));
            m.put("loopForwardMs", num(1e3 * l.loopForward()));
            m.put("speedupForward", num(l.speedupForward()));
            m.put("batchedForwardBackwardMs", num(1e3 * l.batchedForwardBackward()));
            m.put("loopForwardBackwardMs", num(1e3 * l.loopForwardBackward()));
            m.put("speedupForwardBackward", num(l.speedupForwardBackward()));
            loop.add(m);
        }
        root.put("loop", loop);
        List<Object> throughput = new ArrayList<>();
        for (Summary.ThroughputRow t : r.throughput()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", t.group());
            m.put("item", t.item());
            m.put("setting", t.setting());
            m.put("value", num(t.value()));
            m.put("unit", t.unit());
            m.put("msPerOp", num(1e3 * t.secondsPerOp()));
            m.put("gflops", num(t.gflops()));
            m.put("peakFraction", num(t.gflops() / c.peakGflops()));
            m.put("note", t.note());
            throughput.add(m);
        }
        root.put("throughput", throughput);
        List<Object> raw = new ArrayList<>();
        for (Measurement m : r.measurements()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("section", m.section());
            e.put("benchmark", m.benchmark());
            e.put("params", new java.util.TreeMap<>(m.params()));
            e.put("medianMsPerOp", num(m.millis()));
            e.put("meanMsPerOp", num(1e3 * m.meanSeconds()));
            e.put("errorMs", num(1e3 * m.errorSeconds()));
            e.put("samples", m.samples());
            Map<String, Object> extras = new LinkedHashMap<>();
            m.extras().forEach((k, v) -> extras.put(k, num(v)));
            e.put("extras", extras);
            e.put("load1mBefore", num(m.loadBefore()));
            e.put("load1mAfter", num(m.loadAfter()));
            e.put("wallSeconds", num(m.wallSeconds()));
            raw.add(e);
        }
        root.put("measurements", raw);
        return root;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
