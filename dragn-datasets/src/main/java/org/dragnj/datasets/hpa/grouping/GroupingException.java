package org.dragnj.datasets.hpa.grouping;

import java.util.List;
import java.util.stream.Collectors;

import org.dragnj.bags.io.BadInputException;

/** A grouping file that cannot be used; the message lists every problem found (the first 50). */
public class GroupingException extends BadInputException {

    private final transient List<GroupingProblem> problems;

    public GroupingException(List<GroupingProblem> problems) {
        super(problems.size() + " problem(s) in the image grouping file; fix them and run again:\n"
                + problems.stream().limit(50).map(GroupingProblem::message).collect(Collectors.joining("\n"))
                + (problems.size() > 50 ? "\n... and " + (problems.size() - 50) + " more" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<GroupingProblem> problems() {
        return problems;
    }
}
