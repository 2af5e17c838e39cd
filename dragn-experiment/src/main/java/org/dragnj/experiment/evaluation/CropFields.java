package org.dragnj.experiment.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.hpa.crops.CompletionMarker;
import org.dragnj.datasets.hpa.crops.HpaCropReport;
import org.dragnj.datasets.hpa.crops.HpaCropper;
import org.dragnj.datasets.hpa.image.HpaImage;
import org.dragnj.datasets.hpa.image.HpaImageReader;
import org.dragnj.datasets.hpa.image.ImageLayout;
import org.dragnj.eval.plot.Charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where in the cell fields the evidence lies, for bags of HPA crops (a manifest written by
 * {@code prepare-hpa}): each source field of a chosen bag, composited as HPA shows it (microtubules
 * red, protein green, nucleus blue), with the box every crop was cut from, numbered by its
 * importance rank (1: the crop whose removal lowers the label's score most) and coloured by the
 * sign of its leave-one-out change. The crop positions come from the preparation's completion
 * markers ({@code crops/<image>/done.json}), the image folder and layout from its {@code report.json}.
 */
public final class CropFields {

    /** Written beside the importance montage (and the .svg beside it). */
    public static final String FILE = "importance_fields.png";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PANEL = 360;
    private static final int TOP = 52;
    private static final String LEGEND = "1: the crop whose removal lowers the label's score most;"
            + " red box: the crop raises the score, blue: lowers it; thick: the top 3";
    private static final Color RAISES = new Color(0xEE6677);
    private static final Color LOWERS = new Color(0x66CCEE);

    /** One bag to draw: a heading, its instances (manifest paths) and each one's leave-one-out change. */
    public record Pick(String heading, List<String> instances, double[] changes) {
    }

    private final Manifest manifest;
    private final HpaImageReader reader;

    private CropFields(Manifest manifest, HpaImageReader reader) {
        this.manifest = manifest;
        this.reader = reader;
    }

    /** The fields of a prepare-hpa manifest; empty for any other manifest, or when its source images have moved. */
    public static Optional<CropFields> of(Manifest manifest) throws IOException {
        Path report = manifest.folder().resolve(HpaCropReport.FILE);
        if (!Files.isRegularFile(report)) {
            return Optional.empty();
        }
        JsonNode config = JSON.readTree(report.toFile()).path("config");
        Path images = Path.of(config.path("imageFolder").asText(""));
        if (!Files.isDirectory(images)) {
            return Optional.empty();
        }
        ImageLayout layout = ImageLayout.valueOf(config.path("imageLayout").asText(ImageLayout.AUTO.name()));
        return Optional.of(new CropFields(manifest, new HpaImageReader(images, layout, false)));
    }

    /** Writes the PNG and its SVG; a bag whose crops have no marker is said in its heading. */
    public void write(Path png, String title, List<Pick> picks) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Pick pick : picks) {
            rows.add(row(pick));
        }
        int columns = Math.max(1, rows.stream().mapToInt(r -> r.panels().size()).max().orElse(1));
        int width = Math.max(Math.max(720, 12 + 8 * title.length()), columns * (PANEL + 12) + 12);
        int height = TOP + rows.size() * (PANEL + 40);
        Charts.write(g -> draw(g, title, rows, width, height), png, width, height);
    }

    private record Box(int x, int y, int side, int rank, double change) {
    }

    private record Panel(String imageId, BufferedImage field, double scale, List<Box> boxes) {
    }

    private record Row(String heading, List<Panel> panels) {
    }

    private Row row(Pick pick) throws IOException {
        Integer[] order = new Integer[pick.instances().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(pick.changes()[b], pick.changes()[a]));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        // crops grouped by the field they were cut from, in the bag's order
        Map<String, List<Integer>> byImage = new LinkedHashMap<>();
        for (int i = 0; i < pick.instances().size(); i++) {
            Path crop = Path.of(pick.instances().get(i));
            String imageId = crop.getParent() == null ? "" : crop.getParent().getFileName().toString();
            byImage.computeIfAbsent(imageId, k -> new ArrayList<>()).add(i);
        }
        List<Panel> panels = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byImage.entrySet()) {
            CompletionMarker marker = CompletionMarker.readOrNull(manifest.folder().resolve(HpaCropper.CROP_FOLDER)
                    .resolve(e.getKey()).resolve(CompletionMarker.FILE));
            if (marker == null || reader.locate(e.getKey()).isEmpty()) {
                missing.add(e.getKey());
                continue;
            }
            Map<String, CompletionMarker.Crop> crops = new LinkedHashMap<>();
            marker.crops().forEach(c -> crops.put(c.file(), c));
            List<Box> boxes = new ArrayList<>();
            for (int i : e.getValue()) {
                CompletionMarker.Crop c = crops.get(pick.instances().get(i));
                if (c != null) {
                    boxes.add(new Box(c.x(), c.y(), c.side(), rank[i], pick.changes()[i]));
                }
            }
            BufferedImage field;
            try (HpaImage image = reader.read(e.getKey())) {
                field = image.composite();
            }
            double scale = Math.min(1.0, PANEL / (double) Math.max(field.getWidth(), field.getHeight()));
            panels.add(new Panel(e.getKey(), field, scale, boxes));
        }
        String heading = pick.heading() + (missing.isEmpty() ? "" : " (no crop positions for " + String.join(", ",
                missing) + ")");
        return new Row(heading, panels);
    }

    private static void draw(Graphics2D g, String title, List<Row> rows, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 12, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(LEGEND, 12, 40);
        int y = TOP;
        for (Row row : rows) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(row.heading(), 12, y + 16);
            int x = 12;
            for (Panel p : row.panels()) {
                int w = (int) Math.round(p.field().getWidth() * p.scale());
                int h = (int) Math.round(p.field().getHeight() * p.scale());
                g.drawImage(p.field(), x, y + 24, w, h, null);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
                for (Box b : p.boxes()) {
                    int bx = x + (int) Math.round(b.x() * p.scale());
                    int by = y + 24 + (int) Math.round(b.y() * p.scale());
                    int side = Math.max(3, (int) Math.round(b.side() * p.scale()));
                    g.setColor(b.change() >= 0 ? RAISES : LOWERS);
                    g.setStroke(new BasicStroke(b.rank() <= 3 ? 3f : 1.5f));
                    g.drawRect(bx, by, side, side);
                    g.drawString(Integer.toString(b.rank()), bx + 3, by + 13);
                }
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                g.drawString(String.format(Locale.ROOT, "%s (%d crops)", p.imageId(), p.boxes().size()), x, y + 24 + h
                        + 12);
                x += w + 12;
            }
            y += PANEL + 40;
        }
    }
}
