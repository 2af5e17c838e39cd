package org.dragnj.bench.report;

import java.util.Locale;

/** How the report writes times, rates and ratios: three significant digits, units that fit. */
public final class Format {

    private Format() {
    }

    public static String time(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "–";
        }
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.3g µs", seconds * 1e6);
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.3g ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.3g s", seconds);
    }

    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "–";
        }
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    static String gflops(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, v < 0.1 ? "%.3f" : "%.2f", v) : "–";
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, v < 0.1 ? "%.3f %%" : "%.1f %%", v) : "–";
    }

    static String times(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f×", v) : "–";
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }
}
