package org.dragnj.datasets.synthetic.flyexpress;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.dragnj.datasets.bdgp.View;
import org.dragnj.datasets.random.Seeds;

/**
 * Draws one FlyExpress-like in-situ image, 180 × 320 RGB: a cream elliptical embryo (anterior left,
 * dorsal up in lateral views) on a light background, with dark blue-purple stain where the planned
 * terms are expressed. What makes one image weak evidence on purpose: each term's stain has a random
 * strength (sometimes faint), views hide the far side of the embryo, some images are zoomed or
 * shifted so an end is cut off, and decoys — debris or a stained neighbouring embryo at the edge —
 * add stain that belongs to no term. The image is a pure function of (plan, seed, parameters).
 */
final class EmbryoRenderer {

    static final int HEIGHT = 180;
    static final int WIDTH = 320;

    private static final double[] STAIN = {70, 56, 112};
    private static final double[] BODY = {226, 214, 188};

    private final long seed;
    private final double decoyProbability;
    private final double noise;
    private final Function<String, TermPattern> patterns;

    EmbryoRenderer(long seed, double decoyProbability, double noise, Function<String, TermPattern> patterns) {
        this.seed = seed;
        this.decoyProbability = decoyProbability;
        this.noise = noise;
        this.patterns = patterns;
    }

    /** An embryo's placement in the image and the stain it carries. */
    private record Embryo(double cx, double cy, double a, double b, double cos, double sin, View view, int stage,
            List<TermPattern> terms, double[] alpha) {

        /** Writes into {@code out} = {stain, shade} for pixel (x, y); false when the pixel is outside. */
        boolean shade(double x, double y, double[] out) {
            double dx = x - cx;
            double dy = y - cy;
            double u = (dx * cos + dy * sin) / a;
            double v = (-dx * sin + dy * cos) / b;
            double rho2 = u * u + v * v;
            if (rho2 > 1) {
                return false;
            }
            double r = Math.sqrt(Math.max(1e-9, 1 - u * u));
            double z = Math.sqrt(Math.max(0, r * r - v * v));
            double depth = z / r;
            double keep = 1;
            if (!terms.isEmpty()) {
                double dv;
                if (view == View.LATERAL) {
                    dv = Math.atan2(z, -v) / Math.PI;
                } else {
                    double side = Math.atan2(Math.abs(v), z) / Math.PI; // 0 on the midline facing us, 0.5 at the rim
                    dv = view == View.DORSAL ? side : 1 - side;
                }
                for (int i = 0; i < terms.size(); i++) {
                    keep *= 1 - alpha[i] * terms.get(i).at(u, dv, depth);
                }
            }
            double shade = 0.86 + 0.14 * depth;
            if (stage >= 4) {
                // Segmental furrows of the extended germ band and later stages.
                shade *= 1 - 0.05 * TermPattern.band(u, -0.8, 0.8, 0.05) * Math.pow(Math.cos(u * Math.PI * 7), 8);
            } else if (stage == 3) {
                shade *= 1 - 0.12 * Math.exp(-Math.pow((u + 0.35) / 0.02, 2)); // the cephalic furrow
            }
            double rho = Math.sqrt(rho2);
            if (rho > 0.965) {
                shade *= 0.72; // the vitelline membrane's outline
            }
            out[0] = 1 - keep;
            out[1] = shade;
            return true;
        }
    }

    /**
     * Per-pixel randomness: SplitMix64 steps, far cheaper than java.util.Random's synchronised
     * Gaussian for 170,000 draws per image, and fully specified, so the pixels do not depend on the JDK.
     */
    private static final class PixelNoise {
        private long state;

        PixelNoise(long seed) {
            this.state = seed;
        }

        private long next() {
            state += 0x9E3779B97F4A7C15L;
            return Seeds.mix(state);
        }

        double uniform() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        /** Approximately standard normal: the sum of four 16-bit uniforms (Irwin–Hall), centred and scaled. */
        double gaussian() {
            long z = next();
            double sum = (z & 0xFFFF) + ((z >>> 16) & 0xFFFF) + ((z >>> 32) & 0xFFFF) + (z >>> 48);
            return (sum / 65536.0 - 2) * Math.sqrt(3);
        }
    }

    /** The image as packed 0xRRGGBB, row-major, top row first. */
    int[] render(ImagePlan plan) {
        Random rnd = new Random(Seeds.named(seed, "image", plan.file()));
        double[] bg = {236 + 6 * (rnd.nextDouble() - 0.5), 233 + 6 * (rnd.nextDouble() - 0.5),
            226 + 6 * (rnd.nextDouble() - 0.5)};
        double gx = 10 * (rnd.nextDouble() - 0.5);
        double gy = 10 * (rnd.nextDouble() - 0.5);

        double scale = 0.92 + 0.12 * rnd.nextDouble();
        double cx = WIDTH / 2.0 + 6 * rnd.nextGaussian();
        double cy = HEIGHT / 2.0 + 4 * rnd.nextGaussian();
        if (rnd.nextDouble() < 0.2) {
            scale *= 1.15 + 0.25 * rnd.nextDouble(); // zoomed in: the poles leave the frame
        }
        if (rnd.nextDouble() < 0.15) {
            cx += (rnd.nextBoolean() ? 1 : -1) * (30 + 40 * rnd.nextDouble()); // shifted: one pole is cut off
        }
        double angle = Math.toRadians(10 * (rnd.nextDouble() - 0.5));
        double halfWidth = plan.view() == View.LATERAL ? 50 : 46;
        List<TermPattern> shown = new ArrayList<>();
        for (String t : plan.terms()) {
            shown.add(patterns.apply(t));
        }
        double[] alpha = new double[shown.size()];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = shown.get(i).strength() * (0.55 + 0.45 * rnd.nextDouble()) * (rnd.nextDouble() < 0.15 ? 0.4 : 1);
        }
        List<Embryo> embryos = new ArrayList<>();
        embryos.add(new Embryo(cx, cy, 132 * scale, halfWidth * scale, Math.cos(angle), Math.sin(angle), plan.view(),
                plan.stageGroup(), shown, alpha));

        if (rnd.nextDouble() < decoyProbability / 2) {
            // A neighbouring embryo reaching into a corner, sometimes stained by a pattern of no term of this bag.
            double nx = rnd.nextBoolean() ? -70 - 40 * rnd.nextDouble() : WIDTH + 70 + 40 * rnd.nextDouble();
            double ny = rnd.nextBoolean() ? -25 - 15 * rnd.nextDouble() : HEIGHT + 25 + 15 * rnd.nextDouble();
            double na = Math.toRadians(40 * (rnd.nextDouble() - 0.5));
            List<TermPattern> decoy = rnd.nextBoolean() ? List.of(TermPattern.of("decoy " + rnd.nextInt(1000)))
                    : List.of();
            embryos.add(new Embryo(nx, ny, 132, 50, Math.cos(na), Math.sin(na), View.LATERAL, plan.stageGroup(), decoy,
                    new double[] {0.8}));
        }
        List<double[]> debris = new ArrayList<>();
        if (rnd.nextDouble() < decoyProbability) {
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                debris.add(new double[] {WIDTH * rnd.nextDouble(), HEIGHT * rnd.nextDouble(), 3 + 7 * rnd.nextDouble(),
                    0.4 + 0.5 * rnd.nextDouble()});
            }
        }

        PixelNoise pixelNoise = new PixelNoise(rnd.nextLong());
        int[] rgb = new int[HEIGHT * WIDTH];
        double[] s = new double[2];
        double sigma = noise * 255;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double[] c = {bg[0] + gx * x / WIDTH + gy * y / HEIGHT, bg[1] + gx * x / WIDTH + gy * y / HEIGHT,
                    bg[2] + gx * x / WIDTH + gy * y / HEIGHT};
                for (Embryo e : embryos) {
                    if (e.shade(x + 0.5, y + 0.5, s)) {
                        double stain = Math.min(1, s[0] * (0.75 + 0.5 * pixelNoise.uniform())) * 0.9;
                        for (int k = 0; k < 3; k++) {
                            c[k] = (BODY[k] * s[1]) * (1 - stain) + STAIN[k] * stain;
                        }
                        break;
                    }
                }
                for (double[] d : debris) {
                    double r2 = ((x - d[0]) * (x - d[0]) + (y - d[1]) * (y - d[1])) / (d[2] * d[2]);
                    if (r2 < 1) {
                        double w = d[3] * (1 - r2);
                        for (int k = 0; k < 3; k++) {
                            c[k] = c[k] * (1 - w) + STAIN[k] * 0.8 * w;
                        }
                    }
                }
                int p = 0;
                for (int k = 0; k < 3; k++) {
                    int v = (int) Math.round(c[k] + sigma * pixelNoise.gaussian());
                    p = (p << 8) | Math.max(0, Math.min(255, v));
                }
                rgb[y * WIDTH + x] = p;
            }
        }
        return rgb;
    }
}
