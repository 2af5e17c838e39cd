package org.dragnj.experiment.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.dragnj.bags.ChannelOrder;
import org.dragnj.eval.plot.InstanceMontage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The figure that shows what importance means on two bags: the most confident correct call (the
 * true label with the highest score of any bag, at least 0.5) and the most wrong one (the (bag,
 * label) pair whose score is furthest from its truth, beyond 0.5). Each bag's instances are drawn as
 * the model read them, ordered by their leave-one-out change of that label's score, each with the
 * change under it. Overall rather than per label: one figure a report can link, whatever K is.
 * Bags are offered one at a time; only the two current picks' images are kept.
 */
public final class ImportanceMontage {

    /** The file evaluate writes into its output folder (and the .svg beside it). */
    public static final String FILE = "importance_montage.png";

    private final List<String> labels;
    private final ChannelOrder channelOrder;
    private Pick confident;
    private Pick wrong;

    private record Pick(BagImportance bag, int label, int truth, double key) {
    }

    /** @param channelOrder the order of the model's input channels (BGR is drawn as RGB) */
    public ImportanceMontage(List<String> labels, ChannelOrder channelOrder) {
        this.labels = List.copyOf(labels);
        this.channelOrder = channelOrder;
    }

    /** Considers a bag with its true labels (0/1 per label). */
    public void offer(BagImportance bag, double[] truth) {
        for (int k = 0; k < labels.size(); k++) {
            double p = bag.scores()[k];
            int y = (int) Math.round(truth[k]);
            if (y == 1 && p >= 0.5 && (confident == null || p > confident.key())) {
                confident = new Pick(detached(bag), k, y, p);
            }
            double error = Math.abs(y - p);
            if (error > 0.5 && (wrong == null || error > wrong.key())) {
                wrong = new Pick(detached(bag), k, y, error);
            }
        }
    }

    /** A chosen bag: its heading, and each instance's leave-one-out change of the chosen label (bag order). */
    public record Chosen(String heading, String bagId, double[] changes) {
    }

    /** The bags the montage draws, most confident correct first. */
    public List<Chosen> chosen() {
        List<Chosen> out = new ArrayList<>();
        for (Pick pick : new Pick[] {confident, wrong}) {
            if (pick != null) {
                BagImportance bag = pick.bag();
                double[] changes = new double[bag.length()];
                for (int i = 0; i < changes.length; i++) {
                    changes[i] = bag.looChange(i, pick.label());
                }
                out.add(new Chosen(heading(pick == confident ? "most confident correct" : "most wrong", pick), bag.bagId(),
                        changes));
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return confident == null && wrong == null;
    }

    /** Writes the PNG and its SVG; {@code title} names the model and the bags. */
    public void write(Path png, String title) throws IOException {
        List<InstanceMontage.Row> rows = new ArrayList<>();
        rows.add(confident != null ? row("most confident correct", confident)
                : new InstanceMontage.Row("most confident correct: no true label scored 0.5 or more", List.of()));
        rows.add(wrong != null ? row("most wrong", wrong)
                : new InstanceMontage.Row("most wrong: every label of every bag is on the right side of 0.5",
                        List.of()));
        InstanceMontage.write(png, title + ": instances by leave-one-out change of the label's score", rows);
    }

    private InstanceMontage.Row row(String what, Pick pick) {
        BagImportance bag = pick.bag();
        int k = pick.label();
        String heading = heading(what, pick);
        if (bag.length() == 1) {
            return new InstanceMontage.Row(heading + " (one instance: no leave-one-out change)",
                    List.of(thumbnail(bag.images(), 0, "#0")));
        }
        List<InstanceMontage.Thumbnail> tiles = IntStream.range(0, bag.length()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -bag.looChange(i, k)))
                .map(i -> thumbnail(bag.images(), i, String.format(Locale.ROOT, "#%d %+.3f", i, bag.looChange(i, k))))
                .toList();
        return new InstanceMontage.Row(heading, tiles);
    }

    private String heading(String what, Pick pick) {
        return String.format(Locale.ROOT, "%s: bag %s, label %s, score %.3f, truth %d", what, pick.bag().bagId(),
                labels.get(pick.label()), pick.bag().scores()[pick.label()], pick.truth());
    }

    private InstanceMontage.Thumbnail thumbnail(INDArray images, int i, String caption) {
        INDArray image = images.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                .castTo(DataType.FLOAT).dup('c');
        int c = (int) image.size(0);
        int h = (int) image.size(1);
        int w = (int) image.size(2);
        float[] pixels = image.data().asFloat();
        if (channelOrder == ChannelOrder.BGR && c >= 3) {
            float[] swapped = pixels.clone();
            System.arraycopy(pixels, 2 * h * w, swapped, 0, h * w);
            System.arraycopy(pixels, 0, swapped, 2 * h * w, h * w);
            pixels = swapped;
        }
        return new InstanceMontage.Thumbnail(c, h, w, pixels, caption);
    }

    /** The bag with its own copy of the images: the batch they came from is reused. */
    private static BagImportance detached(BagImportance b) {
        return new BagImportance(b.bagId(), b.scores(), b.leaveOneOut(), b.gradient(), b.attention(),
                b.images().dup());
    }
}
