package org.dragnj.bags.io;

/** CSV fields as RFC 4180 writes them: quoted when they hold a comma, a quote or a line break. */
public final class Csv {

    private Csv() {
    }

    public static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
