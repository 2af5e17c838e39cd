package org.dragnj.datasets.hpa.crops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.hpa.proposals.ProposalMode;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaDataset;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaGenerator;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Crops per second of both proposal modes with the default settings (512² crops, at most 16 per image,
 * 512-pixel search copy) on synthetic 1024² and 2048² fields. A measurement, not a unit test: it takes
 * minutes and runs only when asked for:
 *
 * <pre>
 * mvn -o test -pl dragn-datasets -Dtest=HpaCropThroughputTest -Ddragn.bench=true \
 *     -Dorg.slf4j.simpleLogger.log.org.dragnj.datasets.hpa.crops.HpaCropThroughputTest=info
 * </pre>
 *
 * Results also go to {@code target/hpa-crop-throughput.json}. Optional: {@code -Ddragn.bench.images=N}
 * fields per size (default 6), {@code -Ddragn.bench.sizes=1024,2048}, {@code -Ddragn.bench.search=512} (the
 * search-copy side), {@code -Ddragn.bench.modes=SELECTIVE_SEARCH,NUCLEI}.
 */
@EnabledIfSystemProperty(named = "dragn.bench", matches = "true")
class HpaCropThroughputTest {

    private static final Logger LOG = LoggerFactory.getLogger(HpaCropThroughputTest.class);

    @TempDir
    Path dir;

    @Test
    void cropsPerSecond() throws IOException {
        int images = Integer.getInteger("dragn.bench.images", 6);
        int search = Integer.getInteger("dragn.bench.search", 512);
        List<ProposalMode> modes = java.util.Arrays.stream(System.getProperty("dragn.bench.modes",
                "SELECTIVE_SEARCH,NUCLEI").split(",")).map(m -> ProposalMode.valueOf(m.trim())).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String s : System.getProperty("dragn.bench.sizes", "1024,2048").split(",")) {
            int size = Integer.parseInt(s.trim());
            long t0 = System.nanoTime();
            SyntheticHpaDataset data = new SyntheticHpaGenerator(SyntheticHpaSpec.builder().optImageSize(size)
                    .optBags(images / 2).optImagesPerBag(2, 2).optSeed(size).build()).write(dir.resolve("data" + size));
            double genSeconds = (System.nanoTime() - t0) / 1e9;
            for (ProposalMode mode : modes) {
                Path out = dir.resolve(mode + "-" + size);
                HpaCropResult run = new HpaCropper(HpaCropSpec.builder()
                        .setGrouping(data.groupingFile(), GroupingFormat.BAG_CSV).setImageFolder(data.imageFolder())
                        .setOutputFolder(out).optClasses(data.classes()).optProposalMode(mode).optSearchMaxSide(search)
                        .build()).run();
                HpaCropReport r = run.report();
                assertThat(r.imagesFailed()).isZero();
                CropRecall recall = CropRecall.measure(out, data.cells());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("size", size);
                row.put("mode", mode.name());
                row.put("searchMaxSide", search);
                row.put("images", r.imagesTotal());
                row.put("crops", r.cropsWritten());
                row.put("seconds", r.seconds());
                row.put("cropsPerSecond", r.cropsPerSecond());
                row.put("secondsPerImage", r.seconds() / r.imagesTotal());
                row.put("proposalSecondsPerImage", r.proposalSeconds() / r.imagesTotal());
                row.put("cropSecondsPerImage", r.cropSeconds() / r.imagesTotal());
                row.put("recall", recall.recall());
                row.put("tightRecall", recall.tightRecall());
                row.put("threads", run.report().config().get("threads"));
                row.put("generateSeconds", genSeconds);
                rows.add(row);
                LOG.info(String.format(Locale.ROOT,
                        "%dx%d %s (search %d): %d images, %d crops in %.1f s = %.2f crops/s (proposals %.2f s/image, decode+crop"
                                + " %.2f s/image per thread), %s",
                        size, size, mode, search, r.imagesTotal(), r.cropsWritten(), r.seconds(), r.cropsPerSecond(),
                        r.proposalSeconds() / r.imagesTotal(), r.cropSeconds() / r.imagesTotal(), recall));
            }
        }
        Path target = Path.of("target", "hpa-crop-throughput.json");
        Files.createDirectories(target.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(target.toFile(), rows);
    }
}
