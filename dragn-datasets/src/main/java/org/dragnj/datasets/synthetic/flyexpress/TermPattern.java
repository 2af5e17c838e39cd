package org.dragnj.datasets.synthetic.flyexpress;

import java.util.Locale;

import org.dragnj.datasets.random.Seeds;

/**
 * Where and how an annotation term stains an embryo, derived from the term's name alone (same name,
 * same pattern, in every run). Words of the term place the pattern where a biologist would look
 * for it — "anterior", "head", "brain" at the anterior end, "hindgut" at the posterior end,
 * "dorsal", "ventral", "nerve cord" on their side, "midgut" and "yolk" inside, "ubiquitous"
 * everywhere, "epidermis" and "muscle" as segmental stripes — and a hash of the name moves and
 * shapes it, so that terms sharing a word still differ.
 *
 * <p>Patterns live on the embryo's surface in body coordinates: {@code u} from −1 (anterior) to
 * +1 (posterior), {@code dv} from 0 (dorsal midline) to 1 (ventral midline); {@code depth} is 1
 * facing the viewer and 0 at the silhouette. A view shows only its side of the surface, so a
 * dorsal pattern cannot be seen in a ventral view.
 *
 * @param term     the term
 * @param kind     the pattern's shape
 * @param u0       anterior edge of the region (−1..1)
 * @param u1       posterior edge of the region
 * @param dv0      dorsal edge of the region (0..1)
 * @param dv1      ventral edge of the region
 * @param count    stripes, spots or speckle density (per kind)
 * @param size     stripe duty cycle, spot radius or speckle dot radius (per kind)
 * @param strength stain strength at full expression (0..1)
 * @param hash     the name's hash, for positions of spots and speckles
 */
public record TermPattern(String term, Kind kind, double u0, double u1, double dv0, double dv1, int count, double size,
        double strength, long hash) {

    /** The shapes of expression patterns. */
    public enum Kind {
        /** Everywhere. */
        UBIQUITOUS,
        /** A solid region of the surface. */
        DOMAIN,
        /** Stripes across the body axis within the region (segmental, pair-rule-like). */
        STRIPES,
        /** A few round spots within the region. */
        SPOTS,
        /** Many small dots scattered over the region (single cells). */
        SPECKLE,
        /** An inner organ, seen through the tissue from any side, away from the silhouette. */
        INTERNAL,
        /** The outer cell layer, strongest towards the silhouette. */
        RIM
    }

    private static final Kind[] GENERIC = {Kind.DOMAIN, Kind.STRIPES, Kind.SPOTS, Kind.SPECKLE};

    /** The pattern of a term. */
    public static TermPattern of(String term) {
        String t = term.toLowerCase(Locale.ROOT);
        long h = Seeds.named(0x7E5A11L, t);
        Kind kind = GENERIC[(int) Math.floorMod(h, GENERIC.length)];
        double centre = -0.6 + 1.2 * Seeds.unit(h, 1);
        double half = 0.15 + 0.25 * Seeds.unit(h, 2);
        double u0 = centre - half;
        double u1 = centre + half;
        double dvCentre = Seeds.unit(h, 3);
        double dv0 = Math.max(0, dvCentre - 0.3);
        double dv1 = Math.min(1, dvCentre + 0.3);
        int count = 2 + (int) (Seeds.unit(h, 4) * 6);
        double size = 0.35 + 0.2 * Seeds.unit(h, 5);
        double strength = 0.75 + 0.25 * Seeds.unit(h, 6);
        double jitter = 0.1 * (Seeds.unit(h, 7) - 0.5);

        // Along the body axis.
        if (has(t, "anterior midgut")) {
            u0 = -0.6;
            u1 = -0.15;
        } else if (has(t, "posterior midgut")) {
            u0 = 0.15;
            u1 = 0.6;
        } else if (has(t, "anterior", "head", "brain", "procephalic", "foregut", "pharyn", "clypeo", "salivary",
                "optic", "bolwig", "stomodeum", "labral", "antenna", "maxillary", "mandibular", "prothoracic")) {
            u0 = -0.95;
            u1 = -0.45;
        } else if (has(t, "posterior", "hindgut", "malpighian", "anal", "pole cell", "proctodeum", "tail", "gonad")) {
            u0 = 0.45;
            u1 = 0.95;
        } else if (has(t, "trunk", "germ band", "ventral nerve cord", "tracheal")) {
            u0 = -0.45;
            u1 = 0.65;
        }
        u0 += jitter;
        u1 += jitter;
        // Around it.
        if (has(t, "dorsal")) {
            dv0 = 0;
            dv1 = 0.3;
        } else if (has(t, "ventral", "nerve cord", "central nervous system", "mesectoderm")) {
            dv0 = 0.7;
            dv1 = 1;
        } else if (has(t, "mesoderm", "muscle")) {
            dv0 = 0.5;
            dv1 = 0.9;
        } else if (has(t, "lateral")) {
            dv0 = 0.35;
            dv1 = 0.65;
        }
        // Shape.
        if (has(t, "ubiquitous")) {
            kind = Kind.UBIQUITOUS;
            strength = has(t, "faint") ? 0.3 : 0.65;
        } else if (has(t, "maternal")) {
            kind = Kind.UBIQUITOUS;
            strength = 0.45;
        } else if (has(t, "blastoderm")) {
            kind = Kind.RIM;
        } else if (has(t, "yolk", "midgut", "endoderm", "fat body", "gut")) {
            kind = Kind.INTERNAL;
            if (has(t, "yolk")) {
                u0 = -0.5;
                u1 = 0.5;
            } else if (has(t, "embryonic midgut")) {
                u0 = -0.45;
                u1 = 0.45;
            }
        } else if (has(t, "epidermis", "ectoderm", "segment")) {
            kind = Kind.STRIPES;
            count = 7 + (int) (Seeds.unit(h, 8) * 8);
            u0 = Math.min(u0, -0.7);
            u1 = Math.max(u1, 0.7);
        } else if (has(t, "muscle")) {
            kind = Kind.STRIPES;
            count = 14 + (int) (Seeds.unit(h, 8) * 4);
            size = 0.3;
            u0 = Math.min(u0, -0.6);
            u1 = Math.max(u1, 0.6);
        } else if (has(t, "sensory", "neuron", "plasmatocyte", "crystal cell", "hemocyte", "glia", "nuclei", "cell")) {
            kind = Kind.SPECKLE;
        } else if (has(t, "amnioserosa")) {
            kind = Kind.DOMAIN;
            dv0 = 0;
            dv1 = 0.18;
            u0 = -0.35;
            u1 = 0.45;
        }
        if (kind == Kind.STRIPES && count < 5) {
            count += 5; // generic stripes: 7..12 across the body
        }
        if (kind == Kind.SPECKLE) {
            count = 3 + (int) (Seeds.unit(h, 9) * 4);
            size = 0.3 + 0.15 * Seeds.unit(h, 10);
        }
        return new TermPattern(term, kind, clamp(u0, -1, 1), clamp(u1, -1, 1), dv0, dv1, count, size, strength, h);
    }

    /** Stain of this pattern at a surface point, 0..1 (before {@link #strength()}). */
    public double at(double u, double dv, double depth) {
        if (kind != Kind.UBIQUITOUS && kind != Kind.RIM && (u < u0 - 0.3 || u > u1 + 0.3)) {
            return 0; // beyond the region's soft edges, wobble and spot tails: most pixels of most patterns
        }
        // Low-frequency wobble of the coordinates, different per term, so regions get organic rather than straight edges.
        double phase = (hash & 0xFFFF) / 65536.0 * 2 * Math.PI;
        u += 0.035 * Math.sin(dv * 9 + phase);
        dv += 0.05 * Math.sin(u * 7 + 2 * phase);
        return switch (kind) {
            case UBIQUITOUS -> 1;
            case DOMAIN -> band(u, u0, u1, 0.08) * band(dv, dv0, dv1, 0.08);
            case STRIPES -> band(u, u0, u1, 0.03) * band(dv, dv0, dv1, 0.08) * stripes(u);
            case SPOTS -> spots(u, dv);
            case SPECKLE -> band(u, u0, u1, 0.05) * band(dv, dv0, dv1, 0.06) * speckle(u, dv);
            case INTERNAL -> band(u, u0, u1, 0.08) * smooth(depth, 0.3, 0.6);
            case RIM -> 1 - smooth(depth, 0.2, 0.45);
        };
    }

    private double stripes(double u) {
        // Stripes are placed along the whole body, not the region, so that terms with the same count share segments.
        double t = (u + 1) / 2 * count;
        double f = t - Math.floor(t);
        double duty = size;
        // Soft-edged stripe occupying the first `duty` of each period.
        return smooth(f, 0, 0.08) * (1 - smooth(f, duty, duty + 0.08));
    }

    private double spots(double u, double dv) {
        double best = 0;
        double radius = 0.06 + 0.08 * size;
        for (int i = 0; i < count; i++) {
            double cu = u0 + (u1 - u0) * Seeds.unit(hash, 100 + 2 * i);
            double cdv = dv0 + (dv1 - dv0) * Seeds.unit(hash, 101 + 2 * i);
            // dv spans half the circumference (≈ 1.6 body half-widths), u one body half-length.
            double du = (u - cu) / radius;
            double ddv = (dv - cdv) / (radius * 2.2);
            best = Math.max(best, Math.exp(-(du * du + ddv * ddv) * 1.5));
        }
        return best;
    }

    private double speckle(double u, double dv) {
        // A grid of cells over the surface; a cell holds a dot with probability count/10.
        double gu = (u + 1) * 30;
        double gv = dv * 12;
        long cu = (long) Math.floor(gu);
        long cv = (long) Math.floor(gv);
        if (Seeds.unit(hash, cu * 1000 + cv) >= count / 10.0) {
            return 0;
        }
        double ou = 0.25 + 0.5 * Seeds.unit(hash ^ 0x5A5AL, cu * 1000 + cv);
        double ov = 0.25 + 0.5 * Seeds.unit(hash ^ 0xA5A5L, cu * 1000 + cv);
        double du = gu - cu - ou;
        double dvv = gv - cv - ov;
        double d = Math.sqrt(du * du + dvv * dvv);
        return 1 - smooth(d, size * 0.6, size);
    }

    /** 1 inside [a, b], falling smoothly to 0 over {@code soft} outside it. */
    static double band(double x, double a, double b, double soft) {
        return smooth(x, a - soft, a) * (1 - smooth(x, b, b + soft));
    }

    static double smooth(double x, double edge0, double edge1) {
        double t = clamp((x - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - 2 * t);
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static boolean has(String term, String... words) {
        for (String w : words) {
            if (term.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
