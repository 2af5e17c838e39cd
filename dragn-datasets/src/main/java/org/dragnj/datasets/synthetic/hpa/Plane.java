package org.dragnj.datasets.synthetic.hpa;

/**
 * A float intensity window of a field, positioned at (x0, y0) in field pixels, that shapes are added
 * into. Work stays inside a cell's bounding box instead of touching the whole field.
 */
final class Plane {

    final int x0;
    final int y0;
    final int w;
    final int h;
    final float[] v;

    Plane(int x0, int y0, int w, int h) {
        this.x0 = x0;
        this.y0 = y0;
        this.w = w;
        this.h = h;
        this.v = new float[w * h];
    }

    Plane blank() {
        return new Plane(x0, y0, w, h);
    }

    /** Adds a Gaussian blob of standard deviation sigma and peak amp centred at field (x, y). */
    void splat(double x, double y, double sigma, double amp) {
        int r = (int) Math.ceil(3 * sigma);
        int cx = (int) Math.round(x) - x0;
        int cy = (int) Math.round(y) - y0;
        double inv = 1 / (2 * sigma * sigma);
        for (int j = Math.max(0, cy - r); j <= Math.min(h - 1, cy + r); j++) {
            double dy = j + y0 - y;
            for (int i = Math.max(0, cx - r); i <= Math.min(w - 1, cx + r); i++) {
                double dx = i + x0 - x;
                v[j * w + i] += (float) (amp * Math.exp(-(dx * dx + dy * dy) * inv));
            }
        }
    }

    /**
     * Adds a line of width ~2 sigma from (xa, ya) to (xb, yb); along the line the intensity is
     * max-combined, not summed, so overlapping splats do not make beads.
     */
    void segment(double xa, double ya, double xb, double yb, double sigma, double amp) {
        int minX = (int) Math.floor(Math.min(xa, xb) - 3 * sigma) - x0;
        int maxX = (int) Math.ceil(Math.max(xa, xb) + 3 * sigma) - x0;
        int minY = (int) Math.floor(Math.min(ya, yb) - 3 * sigma) - y0;
        int maxY = (int) Math.ceil(Math.max(ya, yb) + 3 * sigma) - y0;
        double lx = xb - xa;
        double ly = yb - ya;
        double len2 = Math.max(1e-9, lx * lx + ly * ly);
        double inv = 1 / (2 * sigma * sigma);
        for (int j = Math.max(0, minY); j <= Math.min(h - 1, maxY); j++) {
            double py = j + y0 - ya;
            for (int i = Math.max(0, minX); i <= Math.min(w - 1, maxX); i++) {
                double px = i + x0 - xa;
                double t = Math.max(0, Math.min(1, (px * lx + py * ly) / len2));
                double dx = px - t * lx;
                double dy = py - t * ly;
                double d2 = dx * dx + dy * dy;
                if (d2 < 9 * sigma * sigma) {
                    float val = (float) (amp * Math.exp(-d2 * inv));
                    int k = j * w + i;
                    v[k] = Math.max(v[k], val);
                }
            }
        }
    }

    /** Clamps every value to [0, max]. */
    void clamp(float max) {
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.max(0, Math.min(max, v[k]));
        }
    }
}
