package org.dragnj.eval.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Rows of instance thumbnails, each with a caption under it (e.g. the instance's importance), under a
 * title: which images of a bag mattered. Written as PNG and SVG like every other figure.
 */
public final class InstanceMontage {

    private static final int TILE = 96;
    private static final int GAP = 10;
    private static final int CAPTION = 16;
    private static final int HEADING = 22;
    private static final int TITLE = 30;
    private static final int COLUMNS = 10;

    private InstanceMontage() {
    }

    /**
     * An image as a model saw it: {@code channels × height × width} values in [0, 1], channel-major.
     * One channel is drawn grey; three or more as red, green, blue from the first three.
     */
    public record Thumbnail(int channels, int height, int width, float[] pixels, String caption) {

        public Thumbnail {
            Objects.requireNonNull(pixels, "pixels");
            if (channels < 1 || height < 1 || width < 1 || pixels.length != channels * height * width) {
                throw new IllegalArgumentException("a thumbnail of " + channels + "×" + height + "×" + width
                        + " needs as many values, got " + pixels.length);
            }
        }

        BufferedImage toImage() {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int plane = height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = y * width + x;
                    int r = level(pixels[i]);
                    int g = channels >= 3 ? level(pixels[plane + i]) : r;
                    int b = channels >= 3 ? level(pixels[2 * plane + i]) : r;
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            return image;
        }

        private static int level(float v) {
            return Float.isNaN(v) ? 0 : Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
        }
    }

    /** A heading line and the thumbnails under it, left to right, wrapped after {@value #COLUMNS}. */
    public record Row(String heading, List<Thumbnail> tiles) {

        public Row {
            tiles = List.copyOf(tiles);
        }

        int lines() {
            return Math.max(1, (tiles.size() + COLUMNS - 1) / COLUMNS);
        }
    }

    /** Writes {@code png} and, beside it, the .svg of the same drawing. */
    public static void write(Path png, String title, List<Row> rows) throws IOException {
        int columns = Math.max(1, Math.min(COLUMNS, rows.stream().mapToInt(r -> r.tiles().size()).max().orElse(1)));
        // text widths estimated from the font sizes (8 px a character at 14 pt bold, 7 at 12 pt), so nothing is cut
        int text = Math.max(8 * title.length(), 7 * rows.stream().mapToInt(r -> r.heading().length()).max().orElse(0));
        int width = Math.max(Math.max(480, 2 * GAP + text), GAP + columns * (TILE + GAP));
        int height = TITLE + rows.stream().mapToInt(r -> HEADING + r.lines() * (TILE + CAPTION + GAP)).sum() + GAP;
        Charts.write(g -> draw(g, title, rows, width, height), png, width, height);
    }

    private static void draw(Graphics2D g, String title, List<Row> rows, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, GAP, TITLE - 10);
        int top = TITLE;
        for (Row row : rows) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(row.heading(), GAP, top + HEADING - 7);
            top += HEADING;
            for (int i = 0; i < row.tiles().size(); i++) {
                Thumbnail t = row.tiles().get(i);
                int x = GAP + i % COLUMNS * (TILE + GAP);
                int y = top + i / COLUMNS * (TILE + CAPTION + GAP);
                g.drawImage(t.toImage(), x, y, TILE, TILE, null);
                g.setColor(Color.GRAY);
                g.drawRect(x, y, TILE, TILE);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                int w = g.getFontMetrics().stringWidth(t.caption());
                g.drawString(t.caption(), x + Math.max(0, (TILE - w) / 2), y + TILE + CAPTION - 3);
            }
            top += row.lines() * (TILE + CAPTION + GAP);
        }
    }
}
