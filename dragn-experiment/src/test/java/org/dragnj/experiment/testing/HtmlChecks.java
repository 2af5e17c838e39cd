package org.dragnj.experiment.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every report page must be: self-contained (nothing fetched, no scripts) with every linked file present. */
public final class HtmlChecks {

    private static final Pattern ATTRIBUTE = Pattern.compile("(href|src)=\"([^\"]*)\"");

    private HtmlChecks() {
    }

    /** @return the page's text, for further checks */
    public static String assertSelfContained(Path page) throws IOException {
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain("<link");
        List<String> links = new ArrayList<>();
        Matcher m = ATTRIBUTE.matcher(html);
        int images = 0;
        while (m.find()) {
            String value = m.group(2);
            if (m.group(1).equals("src")) {
                assertThat(value).as("an image is embedded, not fetched").startsWith("data:image/");
                images++;
            } else {
                links.add(value);
            }
        }
        assertThat(images).as("figures embedded in " + page).isPositive();
        for (String link : links) {
            assertThat(page.resolveSibling(link)).as("linked from " + page.getFileName()).exists();
        }
        return html;
    }
}
