package org.dragnj.datasets.synthetic.hpa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Decides everything about a bag except pixels: its labels, its images, where each cell is, its shape
 * and which patterns it shows. Planning is cheap, so ground truth can be computed without rendering,
 * and the pixels of one image can be rendered without the others. Bag b is a function of (spec, b).
 */
final class SyntheticHpaPlanner {

    /** Smallest distance between two cell centres, in mean cell radii: cells touch but rarely overlap. */
    static final double MIN_DISTANCE = 1.8;

    /** Geometry of one cell; angles in radians, lengths in pixels. */
    record CellShape(double cx, double cy, double radius, double[] harmonics, double[] phases, double nucleusX,
            double nucleusY, double nucleusA, double nucleusB, double nucleusAngle, double mtocAngle) {

        /** Cell boundary radius in direction theta. */
        double boundary(double theta) {
            double f = 1;
            for (int k = 0; k < harmonics.length; k++) {
                f += harmonics[k] * Math.cos((k + 1) * theta + phases[k]);
            }
            return radius * f;
        }
    }

    record CellPlan(SyntheticHpaCell truth, CellShape shape, Set<HpaPattern> decoys, double expression, long seed) {
    }

    record ImagePlan(String bagId, String imageId, boolean outOfFocus, List<CellPlan> cells, long pixelSeed) {
    }

    record BagPlan(String id, List<HpaPattern> labels, List<ImagePlan> images) {
    }

    private final SyntheticHpaSpec spec;

    SyntheticHpaPlanner(SyntheticHpaSpec spec) {
        this.spec = spec;
    }

    static String bagId(int b) {
        return String.format(Locale.ROOT, "bag%04d", b);
    }

    static String imageId(int b, int i) {
        return String.format(Locale.ROOT, "bag%04d-img%02d", b, i);
    }

    BagPlan plan(int b) {
        Random rnd = new Random(mix(spec.seed(), b, 0));
        List<HpaPattern> all = new ArrayList<>(List.of(HpaPattern.values()));
        Collections.shuffle(all, rnd);
        int nLabels = between(rnd, spec.minLabelsPerBag(), spec.maxLabelsPerBag());
        List<HpaPattern> labels = new ArrayList<>(all.subList(0, nLabels));
        Collections.sort(labels);
        List<HpaPattern> others = new ArrayList<>(all.subList(nLabels, all.size()));
        Collections.sort(others);

        int nImages = between(rnd, spec.minImagesPerBag(), spec.maxImagesPerBag());
        List<List<CellShape>> shapes = new ArrayList<>();
        List<Boolean> outOfFocus = new ArrayList<>();
        for (int i = 0; i < nImages; i++) {
            Random irnd = new Random(mix(spec.seed(), b, 1 + i));
            shapes.add(place(irnd));
            outOfFocus.add(irnd.nextDouble() < spec.outOfFocusProbability());
        }

        // Which labels each cell shows: independent draws, then every label forced into one random
        // cell of the bag if no cell drew it, so the bag as a whole always carries all its labels.
        List<List<EnumSet<HpaPattern>>> shown = new ArrayList<>();
        for (List<CellShape> image : shapes) {
            List<EnumSet<HpaPattern>> perCell = new ArrayList<>();
            for (int c = 0; c < image.size(); c++) {
                EnumSet<HpaPattern> s = EnumSet.noneOf(HpaPattern.class);
                for (HpaPattern p : labels) {
                    if (rnd.nextDouble() < spec.showProbability()) {
                        s.add(p);
                    }
                }
                perCell.add(s);
            }
            shown.add(perCell);
        }
        for (HpaPattern p : labels) {
            boolean any = shown.stream().flatMap(List::stream).anyMatch(s -> s.contains(p));
            if (!any) {
                int i = rnd.nextInt(nImages);
                shown.get(i).get(rnd.nextInt(shown.get(i).size())).add(p);
            }
        }

        List<ImagePlan> images = new ArrayList<>();
        for (int i = 0; i < nImages; i++) {
            String imageId = imageId(b, i);
            List<CellPlan> cells = new ArrayList<>();
            for (int c = 0; c < shapes.get(i).size(); c++) {
                CellShape sh = shapes.get(i).get(c);
                EnumSet<HpaPattern> decoys = EnumSet.noneOf(HpaPattern.class);
                if (!others.isEmpty() && rnd.nextDouble() < spec.decoyProbability()) {
                    decoys.add(others.get(rnd.nextInt(others.size())));
                }
                double expression = 0.6 + 0.6 * rnd.nextDouble();
                SyntheticHpaCell truth = new SyntheticHpaCell(imageId, c, sh.cx(), sh.cy(), sh.radius(), sh.nucleusX(),
                        sh.nucleusY(), Math.sqrt(sh.nucleusA() * sh.nucleusB()), shown.get(i).get(c));
                cells.add(new CellPlan(truth, sh, decoys, expression, rnd.nextLong()));
            }
            images.add(new ImagePlan(bagId(b), imageId, outOfFocus.get(i), cells, mix(spec.seed(), b, 1000 + i)));
        }
        return new BagPlan(bagId(b), labels, images);
    }

    /** Rejection-samples cell centres at least MIN_DISTANCE radii apart, then draws each cell's shape. */
    private List<CellShape> place(Random rnd) {
        int n = between(rnd, spec.minCellsPerImage(), spec.maxCellsPerImage());
        double r = spec.cellRadiusPixels();
        double size = spec.imageSize();
        double margin = 0.8 * r; // most of every cell inside the field, as in a real field of view
        List<double[]> centres = new ArrayList<>();
        for (int attempt = 0; centres.size() < n && attempt < 5000 * n; attempt++) {
            double x = margin + rnd.nextDouble() * (size - 2 * margin);
            double y = margin + rnd.nextDouble() * (size - 2 * margin);
            boolean free = centres.stream().allMatch(c -> Math.hypot(c[0] - x, c[1] - y) >= MIN_DISTANCE * r);
            if (free) {
                centres.add(new double[] {x, y});
            }
        }
        List<CellShape> cells = new ArrayList<>();
        for (double[] c : centres) {
            double radius = r * (0.85 + 0.3 * rnd.nextDouble());
            double[] harmonics = {0.06 * rnd.nextDouble(), 0.06 + 0.1 * rnd.nextDouble(), 0.04 * rnd.nextDouble()};
            double[] phases = {tau(rnd), tau(rnd), tau(rnd)};
            double a = radius * (0.36 + 0.1 * rnd.nextDouble());
            double bAxis = a * (0.75 + 0.25 * rnd.nextDouble());
            double offset = radius * 0.15 * rnd.nextDouble();
            double dir = tau(rnd);
            cells.add(new CellShape(c[0], c[1], radius, harmonics, phases, c[0] + offset * Math.cos(dir),
                    c[1] + offset * Math.sin(dir), a, bAxis, tau(rnd), tau(rnd)));
        }
        return cells;
    }

    private static double tau(Random rnd) {
        return 2 * Math.PI * rnd.nextDouble();
    }

    private static int between(Random rnd, int min, int max) {
        return min + rnd.nextInt(max - min + 1);
    }

    /** A well-spread seed for (seed, a, b), so neighbouring bags and images get unrelated streams. */
    static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
