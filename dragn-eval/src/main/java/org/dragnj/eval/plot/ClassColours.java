package org.dragnj.eval.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One colour per class for every figure of a run, from Paul Tol's colour-blind-safe "muted" palette.
 * A class whose name says a colour ("red-square", "Golgi green") gets the palette's nearest to that
 * colour, so that no figure draws "red" in blue; the other classes take the remaining colours in
 * label order. Past nine classes colours repeat, which is why figures with many labels draw small
 * multiples (one label per panel) instead of one crowded panel.
 */
public final class ClassColours {

    /** Tol's muted palette (https://personal.sron.nl/~pault/), distinguishable under the common colour-vision deficiencies. */
    static final List<Color> PALETTE = List.of(new Color(0x332288), new Color(0x88CCEE), new Color(0x44AA99),
            new Color(0x117733), new Color(0x999933), new Color(0xDDCC77), new Color(0xCC6677), new Color(0x882255),
            new Color(0xAA4499));
    /** The chance line and other references: a grey no class gets. */
    public static final Color REFERENCE = new Color(0x9E9E9E);
    /** Methods, macro averages and other things that are not a class: Tol's "bright" blue, red, green, yellow, … */
    static final List<Color> SERIES = List.of(new Color(0x4477AA), new Color(0xEE6677), new Color(0x228833),
            new Color(0xCCBB44), new Color(0x66CCEE), new Color(0xAA3377), new Color(0xBBBBBB));

    /** Colour words and the colour a reader expects for them (matched as whole words, case-insensitive). */
    private static final Map<String, Color> NAMED = named();

    private final List<String> labels;
    private final List<Color> colours;

    private ClassColours(List<String> labels, List<Color> colours) {
        this.labels = List.copyOf(labels);
        this.colours = List.copyOf(colours);
    }

    public static ClassColours of(List<String> labels) {
        Color[] assigned = new Color[labels.size()];
        List<Color> free = new ArrayList<>(PALETTE);
        for (int k = 0; k < labels.size(); k++) {
            Color wanted = namedColour(labels.get(k));
            if (wanted != null && !free.isEmpty()) {
                Color nearest = nearest(wanted, free);
                assigned[k] = nearest;
                free.remove(nearest);
            }
        }
        int next = 0;
        for (int k = 0; k < labels.size(); k++) {
            if (assigned[k] == null) {
                // once the palette is used up colours repeat, in palette order
                assigned[k] = free.isEmpty() ? PALETTE.get(next++ % PALETTE.size()) : free.remove(0);
            }
        }
        return new ClassColours(labels, List.of(assigned));
    }

    public Color of(int label) {
        return colours.get(label);
    }

    public Color of(String label) {
        int k = labels.indexOf(label);
        if (k < 0) {
            throw new IllegalArgumentException("no colour for unknown label '" + label + "'; labels: " + labels);
        }
        return colours.get(k);
    }

    public List<String> labels() {
        return labels;
    }

    /** #rrggbb, for HTML. */
    public static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** The colour a name says, if a whole word of it is a colour word; the first such word wins. */
    static Color namedColour(String label) {
        for (String word : Pattern.compile("[^a-z]+").split(label.toLowerCase(Locale.ROOT))) {
            Color c = NAMED.get(word);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static Color nearest(Color wanted, List<Color> candidates) {
        Color best = candidates.get(0);
        double bestDistance = Double.MAX_VALUE;
        for (Color c : candidates) {
            double d = distance(wanted, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** A perceptual distance: hue first (what the name says), then lightness and saturation. */
    static double distance(Color a, Color b) {
        float[] x = Color.RGBtoHSB(a.getRed(), a.getGreen(), a.getBlue(), null);
        float[] y = Color.RGBtoHSB(b.getRed(), b.getGreen(), b.getBlue(), null);
        double hue = Math.abs(x[0] - y[0]);
        hue = Math.min(hue, 1 - hue) * 2; // 0..1 around the wheel
        // greys carry no hue: compare them by lightness only
        double hueWeight = Math.min(x[1], y[1]) < 0.15 ? 0 : 4;
        return hueWeight * hue + Math.abs(x[1] - y[1]) + Math.abs(x[2] - y[2]);
    }

    private static Map<String, Color> named() {
        Map<String, Color> m = new LinkedHashMap<>();
        m.put("red", new Color(0xD00000));
        m.put("crimson", new Color(0xB0103A));
        m.put("green", new Color(0x108020));
        m.put("olive", new Color(0x808000));
        m.put("teal", new Color(0x008080));
        m.put("cyan", new Color(0x40C0F0));
        m.put("turquoise", new Color(0x40D0C0));
        m.put("blue", new Color(0x2030C0));
        m.put("navy", new Color(0x101070));
        m.put("indigo", new Color(0x3A1E8A));
        m.put("yellow", new Color(0xE0C040));
        m.put("gold", new Color(0xD4AF37));
        m.put("orange", new Color(0xE08020));
        m.put("brown", new Color(0x8B4513));
        m.put("purple", new Color(0x9030A0));
        m.put("violet", new Color(0x9050C0));
        m.put("magenta", new Color(0xC02090));
        m.put("pink", new Color(0xE07090));
        m.put("rose", new Color(0xD06070));
        m.put("wine", new Color(0x801030));
        return m;
    }
}
