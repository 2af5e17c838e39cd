package org.dragnj.datasets.manifest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What reading a manifest found and did.
 *
 * @param problems          every problem, in file order
 * @param bagsRead          data rows in bags.csv
 * @param bagsKept          bags in the resulting manifest (a bag with a bad image is left out whole)
 */
public record ValidationReport(List<ManifestProblem> problems, int bagsRead, int bagsKept) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public boolean isClean() {
        return problems.isEmpty();
    }

    public int bagsSkipped() {
        return bagsRead - bagsKept;
    }

    public Map<ManifestProblem.Kind, Long> countsByKind() {
        return problems.stream().collect(Collectors.groupingBy(ManifestProblem::kind,
                () -> new EnumMap<>(ManifestProblem.Kind.class), Collectors.counting()));
    }

    /** "read 120 bags, kept 117, skipped 3; problems: 2 UNKNOWN_LABEL, 1 MISSING_IMAGE". */
    public String summary() {
        String kinds = countsByKind().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return "read " + bagsRead + " bags, kept " + bagsKept + ", skipped " + bagsSkipped()
                + (kinds.isEmpty() ? "" : "; problems: " + kinds);
    }
}
