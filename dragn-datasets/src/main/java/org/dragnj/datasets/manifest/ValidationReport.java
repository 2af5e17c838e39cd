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
 * @param bagsKept          bags in the resulting manifest
 * @param instancesDropped  instances left out of kept bags (missing or unreadable images)
 */
public record ValidationReport(List<ManifestProblem> problems, int bagsRead, int bagsKept, int instancesDropped) {

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

    /** "read 120 bags, kept 117, skipped 3 (2 UNKNOWN_LABEL, 1 EMPTY_BAG), 4 instances dropped (MISSING_IMAGE)". */
    public String summary() {
        String kinds = countsByKind().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return "read " + bagsRead + " bags, kept " + bagsKept + ", skipped " + bagsSkipped() + ", dropped "
                + instancesDropped + " instances" + (kinds.isEmpty() ? "" : "; problems: " + kinds);
    }
}
