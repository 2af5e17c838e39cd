package org.dragnj.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

import org.dragnj.bags.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.svg.SVGGraphics2D;

/** PNG and SVG output and the look shared by every chart. */
public final class Charts {

    private Charts() {
    }

    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineStroke(new BasicStroke(0.5f));
    }

    /**
     * Writes the chart atomically as a PNG of width × height pixels and, beside it with the same name
     * ending in .svg, as vector graphics of the same size (for papers: scales without blur, text stays text).
     */
    static void write(JFreeChart chart, Path png, int width, int height) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        write(g -> chart.draw(g, new Rectangle(0, 0, width, height)), png, width, height);
    }

    /**
     * Small multiples: the panels in a near-square grid (at most six columns), each panelWidth × panelHeight,
     * under a title line; written as PNG and SVG like {@link #write(JFreeChart, Path, int, int)}.
     */
    static void writeGrid(List<JFreeChart> panels, int panelWidth, int panelHeight, String title, Path png)
            throws IOException {
        int columns = Math.min(6, (int) Math.ceil(Math.sqrt(panels.size())));
        int rows = (panels.size() + columns - 1) / columns;
        int top = 36;
        int width = columns * panelWidth;
        int height = top + rows * panelHeight;
        write(g -> {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(JFreeChart.DEFAULT_TITLE_FONT);
            int w = g.getFontMetrics().stringWidth(title);
            g.drawString(title, Math.max(4, (width - w) / 2), top - 10);
            for (int i = 0; i < panels.size(); i++) {
                JFreeChart panel = panels.get(i);
                panel.setBackgroundPaint(Color.WHITE);
                panel.draw(g, new Rectangle(i % columns * panelWidth, top + i / columns * panelHeight, panelWidth,
                        panelHeight));
            }
        }, png, width, height);
    }

    /** Draws once on a PNG canvas and once on an SVG canvas of width × height; writes both atomically. */
    public static void write(Consumer<Graphics2D> drawing, Path png, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        drawing.accept(g);
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        drawing.accept(svg);
        AtomicFiles.write(svgBeside(png), out -> out.write(svg.getSVGDocument().getBytes(StandardCharsets.UTF_8)));
    }

    /** figure.png → figure.svg */
    public static Path svgBeside(Path png) {
        String name = png.getFileName().toString();
        if (!name.endsWith(".png")) {
            throw new IllegalArgumentException("a figure's file name ends in .png: " + png);
        }
        return png.resolveSibling(name.substring(0, name.length() - 4) + ".svg");
    }
}
