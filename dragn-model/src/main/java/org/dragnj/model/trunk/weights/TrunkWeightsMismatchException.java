package org.dragnj.model.trunk.weights;

import java.util.List;

/** A weights file does not fit the trunk: every missing, unexpected and misshapen tensor is listed. */
public class TrunkWeightsMismatchException extends TrunkWeightsUnavailableException {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 12;

    private final List<String> missing;
    private final List<String> unexpected;
    private final List<String> misshapen;

    public TrunkWeightsMismatchException(String source, String fileHolds, List<String> missing,
            List<String> unexpected, List<String> misshapen) {
        super(message(source, fileHolds, missing, unexpected, misshapen));
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.misshapen = List.copyOf(misshapen);
    }

    /** Tensors the trunk needs that the file lacks. */
    public List<String> missing() {
        return missing;
    }

    /** Tensors of the file the trunk has no place for. */
    public List<String> unexpected() {
        return unexpected;
    }

    /** "name: file [..], trunk [..]" for tensors of the wrong shape. */
    public List<String> misshapen() {
        return misshapen;
    }

    private static String message(String source, String fileHolds, List<String> missing, List<String> unexpected,
            List<String> misshapen) {
        StringBuilder s = new StringBuilder("the weights in ").append(source)
                .append(" do not fit the model's trunk; the file holds ").append(fileHolds).append('.');
        list(s, "missing from the file", missing);
        list(s, "in the file but not in the trunk", unexpected);
        list(s, "of another shape", misshapen);
        if (misshapen.stream().anyMatch(m -> m.startsWith("conv1.weight"))) {
            s.append("\n  conv1.weight's second dimension is the number of image channels the weights expect:"
                    + " set the model's channels to match (ImageNet weights read 3).");
        }
        return s.toString();
    }

    private static void list(StringBuilder s, String what, List<String> names) {
        if (!names.isEmpty()) {
            s.append("\n  ").append(names.size()).append(' ').append(what).append(": ")
                    .append(String.join(", ", names.subList(0, Math.min(SHOWN, names.size()))));
            if (names.size() > SHOWN) {
                s.append(", … (").append(names.size() - SHOWN).append(" more)");
            }
        }
    }
}
