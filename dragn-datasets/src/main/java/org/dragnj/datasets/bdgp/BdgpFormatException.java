package org.dragnj.datasets.bdgp;

import java.util.List;

import org.dragnj.bags.io.BadInputException;

/** A BDGP table that cannot be read as it is; the message lists every problem found (the first 30). */
public class BdgpFormatException extends BadInputException {

    private final transient List<String> problems;

    public BdgpFormatException(List<String> problems) {
        super(problems.size() + " problem(s) in the BDGP tables; fix the named lines (the tables must be"
                + " standard_images.csv: gene,stage,direction,image_url and standard_annotations.csv:"
                + " gene,stage,annotation):\n" + String.join("\n", problems.subList(0, Math.min(30, problems.size())))
                + (problems.size() > 30 ? "\n... and " + (problems.size() - 30) + " more" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
