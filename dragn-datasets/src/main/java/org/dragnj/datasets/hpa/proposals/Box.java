package org.dragnj.datasets.hpa.proposals;

/**
 * An axis-aligned box in full-resolution pixel coordinates, with the score that ranks it among the
 * proposals of its image (higher is better).
 */
public record Box(int x, int y, int w, int h, double score) {

    public Box {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("box sides must be positive, got " + w + "x" + h);
        }
    }

    public long area() {
        return (long) w * h;
    }

    public double aspectRatio() {
        return (double) Math.max(w, h) / Math.min(w, h);
    }

    public boolean contains(double px, double py) {
        return px >= x && px < x + w && py >= y && py < y + h;
    }

    public double iou(Box o) {
        long ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        long iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        long inter = ix * iy;
        return inter == 0 ? 0 : (double) inter / (area() + o.area() - inter);
    }

    /**
     * The square of side max(w, h) around the same centre, shrunk to fit and shifted inside a
     * width × height image: a square crop resizes to S×S without distorting cells.
     */
    public Box squareWithin(int width, int height) {
        int side = Math.min(Math.max(w, h), Math.min(width, height));
        double cx = x + w / 2.0;
        double cy = y + h / 2.0;
        int nx = (int) Math.round(cx - side / 2.0);
        int ny = (int) Math.round(cy - side / 2.0);
        nx = Math.max(0, Math.min(width - side, nx));
        ny = Math.max(0, Math.min(height - side, ny));
        return new Box(nx, ny, side, side, score);
    }
}
