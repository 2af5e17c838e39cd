package org.dragnj.datasets.synthetic.hpa;

import java.util.Random;

import org.dragnj.datasets.synthetic.hpa.SyntheticHpaPlanner.CellPlan;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaPlanner.CellShape;

/**
 * Draws one cell into the four channels of a field: nucleus (blue) with chromatin texture and
 * nucleoli, microtubules radiating from the centrosome (red), a perinuclear ER network (yellow), and
 * in green the localisation patterns the cell shows. Every size is relative to the cell radius, so a
 * field renders alike at any resolution.
 */
final class CellRenderer {

    static final int RED = 0;
    static final int GREEN = 1;
    static final int BLUE = 2;
    static final int YELLOW = 3;

    private final CellPlan cell;
    private final CellShape s;
    private final Random rnd;
    private final double r;
    private final double thin; // width of a filament in pixels
    private final Plane cellMask;
    private final Plane nucMask;
    private final Plane cellDist; // distance from the centre over the boundary radius: 1 on the membrane
    private final Plane nucDist;  // the same for the nucleus ellipse
    private final double[] mtoc;
    private final double[][] nucleoli;

    CellRenderer(CellPlan cell, int fieldSize) {
        this.cell = cell;
        this.s = cell.shape();
        this.rnd = new Random(cell.seed());
        this.r = s.radius();
        this.thin = Math.max(0.7, 0.012 * r);
        double reach = 1.35 * r;
        int x0 = Math.max(0, (int) Math.floor(s.cx() - reach));
        int y0 = Math.max(0, (int) Math.floor(s.cy() - reach));
        int x1 = Math.min(fieldSize, (int) Math.ceil(s.cx() + reach));
        int y1 = Math.min(fieldSize, (int) Math.ceil(s.cy() + reach));
        cellMask = new Plane(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
        nucMask = cellMask.blank();
        cellDist = cellMask.blank();
        nucDist = cellMask.blank();
        double cos = Math.cos(s.nucleusAngle());
        double sin = Math.sin(s.nucleusAngle());
        for (int j = 0; j < cellMask.h; j++) {
            for (int i = 0; i < cellMask.w; i++) {
                double x = i + x0 + 0.5;
                double y = j + y0 + 0.5;
                double dx = x - s.cx();
                double dy = y - s.cy();
                double dc = Math.hypot(dx, dy) / s.boundary(Math.atan2(dy, dx));
                double ux = x - s.nucleusX();
                double uy = y - s.nucleusY();
                double a = (ux * cos + uy * sin) / s.nucleusA();
                double b = (-ux * sin + uy * cos) / s.nucleusB();
                double dn = Math.sqrt(a * a + b * b);
                int k = j * cellMask.w + i;
                cellDist.v[k] = (float) dc;
                nucDist.v[k] = (float) dn;
                cellMask.v[k] = (float) smoothInside(dc, 0.06);
                nucMask.v[k] = (float) smoothInside(dn, 0.08);
            }
        }
        // The centrosome sits just outside the nuclear envelope; microtubules and the Golgi gather there.
        double rn = Math.sqrt(s.nucleusA() * s.nucleusB());
        mtoc = new double[] {s.nucleusX() + 1.15 * rn * Math.cos(s.mtocAngle()),
            s.nucleusY() + 1.15 * rn * Math.sin(s.mtocAngle())};
        int n = 2 + rnd.nextInt(3);
        nucleoli = new double[n][];
        for (int q = 0; q < n; q++) {
            double ang = 2 * Math.PI * rnd.nextDouble();
            double rad = 0.5 * rn * Math.sqrt(rnd.nextDouble());
            nucleoli[q] = new double[] {s.nucleusX() + rad * Math.cos(ang), s.nucleusY() + rad * Math.sin(ang),
                (0.1 + 0.06 * rnd.nextDouble()) * rn};
        }
    }

    /** 1 well inside, 0 outside, a linear ramp of the given width (in normalised distance) at the edge. */
    private static double smoothInside(double d, double edge) {
        return Math.max(0, Math.min(1, (1 - d) / edge + 0.5));
    }

    /** Renders the cell and adds it into the field channels (each float[size*size], row-major). */
    void renderInto(float[][] field, int fieldSize) {
        Plane nucleoliPlane = nucleoli();
        Plane blue = blue(nucleoliPlane);
        Plane er = erNetwork();
        Plane red = microtubules();
        Plane green = green(nucleoliPlane, er);
        double gr = 0.8 + 0.3 * rnd.nextDouble();
        double gy = 0.8 + 0.3 * rnd.nextDouble();
        double gb = 0.8 + 0.3 * rnd.nextDouble();
        Plane[] planes = {red, green, blue, er};
        double[] gains = {gr, 1, gb, gy};
        for (int c = 0; c < 4; c++) {
            Plane p = planes[c];
            for (int j = 0; j < p.h; j++) {
                int row = (j + p.y0) * fieldSize + p.x0;
                for (int i = 0; i < p.w; i++) {
                    field[c][row + i] += (float) (gains[c] * p.v[j * p.w + i]);
                }
            }
        }
    }

    private Plane nucleoli() {
        Plane p = cellMask.blank();
        for (double[] n : nucleoli) {
            p.splat(n[0], n[1], n[2], 1.0);
        }
        p.clamp(1f);
        return p;
    }

    private Plane blue(Plane nucleoliPlane) {
        Plane tex = cellMask.blank();
        double rn = Math.sqrt(s.nucleusA() * s.nucleusB());
        for (int q = 0; q < 14; q++) {
            double ang = 2 * Math.PI * rnd.nextDouble();
            double rad = rn * Math.sqrt(rnd.nextDouble());
            tex.splat(s.nucleusX() + rad * Math.cos(ang), s.nucleusY() + rad * Math.sin(ang), 0.18 * rn,
                    0.5 * (rnd.nextDouble() - 0.5));
        }
        Plane p = cellMask.blank();
        for (int k = 0; k < p.v.length; k++) {
            p.v[k] = (float) (nucMask.v[k] * Math.max(0, 0.7 + tex.v[k]) * (1 - 0.6 * nucleoliPlane.v[k]));
        }
        return p;
    }

    private Plane microtubules() {
        Plane mt = cellMask.blank();
        int n = 24 + rnd.nextInt(12);
        for (int q = 0; q < n; q++) {
            filament(mt, mtoc[0], mtoc[1], 2 * Math.PI * rnd.nextDouble(), 0.25 + 0.15 * rnd.nextDouble());
        }
        Plane p = cellMask.blank();
        for (int k = 0; k < p.v.length; k++) {
            p.v[k] = (float) (cellMask.v[k] * (0.12 + mt.v[k]) * (1 - 0.6 * nucMask.v[k]));
        }
        return p;
    }

    /**
     * A microtubule: from (x, y) outwards in gently wandering steps until it reaches the membrane
     * (or has grown two radii), drawn as a chain of short segments.
     */
    private void filament(Plane plane, double x, double y, double ang, double amp) {
        double step = Math.max(1, 0.08 * r);
        for (double grown = 0; grown < 2 * r; grown += step) {
            double nx = x + step * Math.cos(ang);
            double ny = y + step * Math.sin(ang);
            double dx = nx - s.cx();
            double dy = ny - s.cy();
            if (Math.hypot(dx, dy) >= 0.95 * s.boundary(Math.atan2(dy, dx))) {
                break;
            }
            plane.segment(x, y, nx, ny, thin, amp);
            x = nx;
            y = ny;
            ang += 0.15 * rnd.nextGaussian();
        }
    }

    /**
     * The ER: a reticular mesh (random points, densest around the nucleus, each joined to its nearest
     * neighbours), plus the nuclear envelope and a diffuse perinuclear glow.
     */
    private Plane erNetwork() {
        Plane net = cellMask.blank();
        double rn = Math.sqrt(s.nucleusA() * s.nucleusB());
        int n = 80 + rnd.nextInt(40);
        double[][] pts = new double[n][];
        for (int q = 0; q < n; q++) {
            double ang = 2 * Math.PI * rnd.nextDouble();
            double rad = rn * 1.05 + Math.abs(rnd.nextGaussian()) * 0.3 * r;
            pts[q] = new double[] {s.nucleusX() + rad * Math.cos(ang), s.nucleusY() + rad * Math.sin(ang)};
        }
        double reach = 0.22 * r;
        for (int q = 0; q < n; q++) {
            // Join each point to its three nearest neighbours within reach: a mesh, not a scatter of rods.
            final double[] from = pts[q];
            Integer[] order = new Integer[n];
            for (int o = 0; o < n; o++) {
                order[o] = o;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(o -> dist(from, pts[o])));
            for (int j = 1; j <= 3 && j < n; j++) { // order[0] is the point itself
                double[] to = pts[order[j]];
                if (dist(from, to) < reach) {
                    net.segment(from[0], from[1], to[0], to[1], thin, 0.3);
                }
            }
        }
        Plane p = cellMask.blank();
        for (int k = 0; k < p.v.length; k++) {
            double outside = Math.max(0, nucDist.v[k] - 1) * rn;
            double perinuclear = 0.25 * Math.exp(-outside / (0.3 * r));
            double envelope = 0.15 * ring(nucDist.v[k], 1.0, 0.07);
            p.v[k] = (float) (cellMask.v[k] * ((1 - 0.85 * nucMask.v[k]) * (0.06 + net.v[k] + perinuclear) + envelope));
        }
        return p;
    }

    private static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static double ring(double d, double at, double width) {
        double z = (d - at) / width;
        return Math.exp(-z * z);
    }

    /** Protein channel: each shown label clearly, each decoy faintly, over a weak unspecific stain. */
    private Plane green(Plane nucleoliPlane, Plane er) {
        Plane p = cellMask.blank();
        for (int k = 0; k < p.v.length; k++) {
            p.v[k] = (float) (0.04 * cellMask.v[k]);
        }
        for (HpaPattern pattern : HpaPattern.values()) {
            double amp;
            if (cell.truth().shown().contains(pattern)) {
                amp = (0.55 + 0.45 * rnd.nextDouble()) * cell.expression();
            } else if (cell.decoys().contains(pattern)) {
                amp = (0.15 + 0.15 * rnd.nextDouble()) * cell.expression();
            } else {
                continue;
            }
            Plane pat = pattern(pattern, nucleoliPlane, er);
            for (int k = 0; k < p.v.length; k++) {
                p.v[k] += (float) (amp * pat.v[k]);
            }
        }
        return p;
    }

    /** A localisation pattern with peak about 1. */
    private Plane pattern(HpaPattern pattern, Plane nucleoliPlane, Plane er) {
        Plane p = cellMask.blank();
        double rn = Math.sqrt(s.nucleusA() * s.nucleusB());
        switch (pattern) {
            case NUCLEOPLASM -> {
                for (int k = 0; k < p.v.length; k++) {
                    p.v[k] = (float) (0.8 * nucMask.v[k] * (1 - 0.85 * nucleoliPlane.v[k]));
                }
            }
            case NUCLEAR_MEMBRANE -> {
                for (int k = 0; k < p.v.length; k++) {
                    p.v[k] = (float) ring(nucDist.v[k], 0.97, 0.06);
                }
            }
            case NUCLEOLI -> {
                for (int k = 0; k < p.v.length; k++) {
                    p.v[k] = nucleoliPlane.v[k] * nucMask.v[k];
                }
            }
            case CYTOSOL -> {
                for (int k = 0; k < p.v.length; k++) {
                    p.v[k] = (float) (0.6 * cellMask.v[k] * (1 - nucMask.v[k]));
                }
            }
            case PLASMA_MEMBRANE -> {
                for (int k = 0; k < p.v.length; k++) {
                    p.v[k] = (float) ring(cellDist.v[k], 0.96, 0.04);
                }
            }
            case MITOCHONDRIA -> {
                int n = 40 + rnd.nextInt(30);
                for (int q = 0; q < n; q++) {
                    double[] at = inCytoplasm();
                    double dir = 2 * Math.PI * rnd.nextDouble();
                    double len = (0.06 + 0.1 * rnd.nextDouble()) * r;
                    p.segment(at[0], at[1], at[0] + len * Math.cos(dir), at[1] + len * Math.sin(dir),
                            1.5 * thin, 0.9);
                }
                mask(p, cellMask, nucMask);
            }
            case ENDOPLASMIC_RETICULUM -> {
                for (int k = 0; k < p.v.length; k++) {
                    p.v[k] = 2.2f * er.v[k];
                }
            }
            case GOLGI_APPARATUS -> {
                double gx = s.nucleusX() + 1.3 * rn * Math.cos(s.mtocAngle());
                double gy = s.nucleusY() + 1.3 * rn * Math.sin(s.mtocAngle());
                int n = 5 + rnd.nextInt(5);
                for (int q = 0; q < n; q++) {
                    p.splat(gx + rnd.nextGaussian() * 0.1 * r, gy + rnd.nextGaussian() * 0.1 * r, 0.04 * r, 0.8);
                }
                p.clamp(1f);
                mask(p, cellMask, null);
            }
            case VESICLES -> {
                int n = 25 + rnd.nextInt(20);
                for (int q = 0; q < n; q++) {
                    double[] at = inCytoplasm();
                    p.splat(at[0], at[1], Math.max(0.8, 0.022 * r), 1.0);
                }
                p.clamp(1f);
                mask(p, cellMask, nucMask);
            }
            case CENTROSOME -> {
                double ang = 2 * Math.PI * rnd.nextDouble();
                double d = 0.03 * r;
                p.splat(mtoc[0] + d * Math.cos(ang), mtoc[1] + d * Math.sin(ang), Math.max(0.8, 0.025 * r), 1.0);
                p.splat(mtoc[0] - d * Math.cos(ang), mtoc[1] - d * Math.sin(ang), Math.max(0.8, 0.025 * r), 1.0);
                p.clamp(1f);
            }
            default -> throw new IllegalStateException("no renderer for " + pattern);
        }
        return p;
    }

    /** A random point in the cytoplasm, between the nucleus and the membrane. */
    private double[] inCytoplasm() {
        double rn = Math.sqrt(s.nucleusA() * s.nucleusB());
        for (int attempt = 0; attempt < 100; attempt++) {
            double ang = 2 * Math.PI * rnd.nextDouble();
            double rad = rnd.nextDouble() * r;
            double x = s.cx() + rad * Math.cos(ang);
            double y = s.cy() + rad * Math.sin(ang);
            double dx = x - s.cx();
            double dy = y - s.cy();
            boolean inCell = Math.hypot(dx, dy) < 0.92 * s.boundary(Math.atan2(dy, dx));
            boolean inNucleus = Math.hypot(x - s.nucleusX(), y - s.nucleusY()) < 1.05 * rn;
            if (inCell && !inNucleus) {
                return new double[] {x, y};
            }
        }
        return new double[] {mtoc[0], mtoc[1]};
    }

    private static void mask(Plane p, Plane keep, Plane remove) {
        for (int k = 0; k < p.v.length; k++) {
            p.v[k] *= keep.v[k] * (remove == null ? 1 : 1 - remove.v[k]);
        }
    }
}
