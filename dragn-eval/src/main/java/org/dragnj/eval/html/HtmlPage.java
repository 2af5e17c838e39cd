package org.dragnj.eval.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.dragnj.bags.io.AtomicFiles;

/**
 * A report page built top to bottom: headings, paragraphs, tables, figures. Everything a reader sees
 * is inside the one file (figures as data URIs of their SVG, falling back to the PNG), and every
 * figure links its PNG and SVG files, given relative to the page.
 */
public final class HtmlPage {

    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1d;max-width:1180px;\
            margin:24px auto;padding:0 20px}
            h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:1px solid #ddd}\
            h3{font-size:1.05em;margin:1.2em 0 .3em}
            .lead{font-size:1.08em;background:#f4f6f8;border-left:4px solid #4477aa;padding:10px 14px;margin:12px 0}
            table{border-collapse:collapse;margin:.4em 0 1em;font-variant-numeric:tabular-nums}\
            th,td{border:1px solid #d6d6d6;padding:4px 9px;text-align:right}th{background:#f0f0f0}\
            td:first-child,th:first-child{text-align:left}
            caption{caption-side:top;text-align:left;color:#444;padding:0 0 4px;font-size:.93em}
            figure{margin:1em 0 1.6em}figure img{max-width:100%;height:auto;border:1px solid #eee}\
            figcaption{color:#444;font-size:.93em;margin-top:4px}
            .note{color:#555;font-size:.93em}.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;\
            vertical-align:-1px;margin-right:4px}
            pre{background:#f7f7f7;padding:10px;overflow:auto;font-size:.85em}a{color:#2a5db0}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}\
            .grid figure{margin:0}.grid figcaption{font-size:.8em}
            """;

    private final Path folder;
    private final StringBuilder body = new StringBuilder();
    private final String title;
    private final int refreshSeconds;

    /**
     * @param folder where the page will be written: links and figures are resolved against it
     * @param refreshSeconds > 0: the page reloads itself this often (a live view while a run is going)
     */
    public HtmlPage(Path folder, String title, int refreshSeconds) {
        this.folder = folder;
        this.title = title;
        this.refreshSeconds = refreshSeconds;
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public HtmlPage heading(int level, String text) {
        body.append(String.format(Locale.ROOT, "<h%d>%s</h%d>%n", level, escape(text), level));
        return this;
    }

    /** A paragraph of plain text. */
    public HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A highlighted paragraph: what a reader should take away first. Trusted markup (callers escape their parts). */
    public HtmlPage lead(String html) {
        body.append("<div class=\"lead\">").append(html).append("</div>\n");
        return this;
    }

    /** A small grey note, trusted markup. */
    public HtmlPage note(String html) {
        body.append("<p class=\"note\">").append(html).append("</p>\n");
        return this;
    }

    /** Raw, trusted markup. */
    public HtmlPage raw(String html) {
        body.append(html).append('\n');
        return this;
    }

    /**
     * A table; cells are trusted markup (escape text with {@link #escape}), the first column is the row
     * header.
     */
    public HtmlPage table(String caption, List<String> header, List<List<String>> rows) {
        body.append("<table>");
        if (caption != null) {
            body.append("<caption>").append(escape(caption)).append("</caption>");
        }
        body.append("<thead><tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(c -> body.append("<td>").append(c).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</tbody></table>\n");
        return this;
    }

    /**
     * A figure embedded in the page (its SVG beside the PNG when there is one, else the PNG), with a
     * caption and links to both files. A missing figure is said, not hidden.
     */
    public HtmlPage figure(Path png, String caption) throws IOException {
        body.append(figureHtml(png, caption, null));
        return this;
    }

    /** The markup of {@link #figure}, for grids; {@code width} in pixels or null for the page width. */
    public String figureHtml(Path png, String caption, Integer width) throws IOException {
        if (!Files.isRegularFile(png)) {
            return "<p class=\"note\">(figure " + escape(relative(png)) + " was not written)</p>\n";
        }
        Path svg = png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", ".svg"));
        boolean hasSvg = Files.isRegularFile(svg);
        String uri = hasSvg ? "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(svg))
                : "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        StringBuilder f = new StringBuilder("<figure><img alt=\"").append(escape(caption)).append("\" src=\"")
                .append(uri).append('"');
        if (width != null) {
            f.append(" width=\"").append(width).append('"');
        }
        f.append("><figcaption>").append(escape(caption)).append(" <a href=\"").append(escape(relative(png)))
                .append("\">PNG</a>");
        if (hasSvg) {
            f.append(" · <a href=\"").append(escape(relative(svg))).append("\">SVG</a>");
        }
        return f.append("</figcaption></figure>\n").toString();
    }

    /** A link to a file of the run, relative to the page; "(missing)" after it when the file is not there. */
    public String link(Path file, String text) {
        return "<a href=\"" + escape(relative(file)) + "\">" + escape(text) + "</a>"
                + (Files.exists(file) ? "" : " <span class=\"note\">(missing)</span>");
    }

    /** A preformatted block (config, provenance) folded under a summary line. */
    public HtmlPage details(String summary, String text) {
        body.append("<details><summary>").append(escape(summary)).append("</summary><pre>").append(escape(text))
                .append("</pre></details>\n");
        return this;
    }

    public String relative(Path file) {
        return folder.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + (refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">\n" : "")
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style></head>\n<body>\n"
                + "<h1>" + escape(title) + "</h1>\n" + body + "</body></html>\n";
    }

    /** Writes the page atomically as {@code name} in its folder. */
    public Path write(String name) throws IOException {
        Path file = folder.resolve(name);
        AtomicFiles.writeString(file, html());
        return file;
    }
}
