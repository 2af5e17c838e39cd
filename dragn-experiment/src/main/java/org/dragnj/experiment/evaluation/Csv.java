package org.dragnj.experiment.evaluation;

/** CSV fields as RFC 4180 writes them: quoted when they hold a comma, a quote or a line break. */
final class Csv {

    private Csv() {
    }

    static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
