package org.dragnj.bench.aggregation;

/** Parses a feature-map shape parameter "CxHxW". */
final class MapShape {

    private MapShape() {
    }

    static long[] parse(String map) {
        String[] s = map.split("x");
        if (s.length != 3) {
            throw new IllegalArgumentException("map shape must be CxHxW, got " + map);
        }
        return new long[] {Long.parseLong(s[0]), Long.parseLong(s[1]), Long.parseLong(s[2])};
    }
}
