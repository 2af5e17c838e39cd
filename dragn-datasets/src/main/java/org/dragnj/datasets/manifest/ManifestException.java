package org.dragnj.datasets.manifest;

import java.util.List;
import java.util.stream.Collectors;

import org.dragnj.bags.io.BadInputException;

/** A manifest that cannot be used as it is; the message lists every problem (the first 50). */
public class ManifestException extends BadInputException {

    private final transient List<ManifestProblem> problems;

    public ManifestException(List<ManifestProblem> problems) {
        super(problems.size() + " problem(s) in the manifest; fix them, or leave the offending bags out"
                + " (dragn: --skip-bad; API: ValidationPolicy.SKIP):\n"
                + problems.stream().limit(50).map(ManifestProblem::message).collect(Collectors.joining("\n"))
                + (problems.size() > 50 ? "\n... and " + (problems.size() - 50) + " more" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<ManifestProblem> problems() {
        return problems;
    }
}
