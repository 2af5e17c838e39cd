package org.dragnj.spark.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.dragnj.datasets.hpa.crops.HpaCropReport;
import org.dragnj.datasets.hpa.crops.HpaCropResult;
import org.dragnj.datasets.hpa.crops.HpaCropSpec;
import org.dragnj.datasets.hpa.crops.HpaCropper;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.hpa.proposals.ProposalMode;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaDataset;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaGenerator;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaSpec;
import org.dragnj.spark.SparkTestContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The distributed HPA preparation against the single-machine command on the same synthetic fields,
 * in Spark's local[2] and local-cluster modes: the same manifest and bit-identical crops, a rerun that only resumes, and
 * a damaged image reported without failing the job.
 */
class DistributedHpaCropperTest {

    @TempDir
    static Path dir;
    static SyntheticHpaDataset data;
    static HpaCropResult one;

    @BeforeAll
    static void cropOnOneMachine() throws IOException {
        data = new SyntheticHpaGenerator(SyntheticHpaSpec.builder().optImageSize(256).optBags(3).optImagesPerBag(2, 2)
                .optCellsPerImage(4, 6).optSeed(5).build()).write(dir.resolve("data"));
        one = new HpaCropper(spec(data.imageFolder(), dir.resolve("one"))).run();
    }

    private static HpaCropSpec spec(Path images, Path out) {
        return HpaCropSpec.builder().setGrouping(data.groupingFile(), GroupingFormat.BAG_CSV).setImageFolder(images)
                .setOutputFolder(out).optClasses(data.classes()).optProposalMode(ProposalMode.NUCLEI).optCropSize(48)
                .optMaxCropsPerImage(5).optThreads(2).build();
    }

    private static HpaCropResult distributed(JavaSparkContext sc, Path images, Path out) throws IOException {
        return DistributedHpaCropper.run(sc, spec(images, out), new DistributedHpaCropper.Locations(
                data.groupingFile().toUri(), images.toUri(), out.toUri()));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> !p.toString().equals(HpaCropReport.FILE)).sorted().toList();
        }
    }

    private static JsonNode marker(Path file) throws IOException {
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        m.remove("seconds");
        return m;
    }

    /** local[2]: executor threads in this JVM; local-cluster: two executor JVMs, as on a cluster. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local[2]", "local-cluster[2,1,1024]"})
    void theSameManifestAndBitIdenticalCropsAsOneMachineAndARerunOnlyResumes(String master) throws IOException {
        Path out = dir.resolve("spark-" + master.replaceAll("\\W", ""));
        try (JavaSparkContext sc = SparkTestContexts.start(master)) {
            check(distributed(sc, data.imageFolder(), out), out, sc);
        }
    }

    private static void check(HpaCropResult spark, Path out, JavaSparkContext sc) throws IOException {
        assertThat(spark.report().imagesCropped()).isEqualTo(data.images()).isEqualTo(one.report().imagesCropped());
        assertThat(spark.report().cropsWritten()).isEqualTo(one.report().cropsWritten()).isPositive();
        List<Path> expected = files(dir.resolve("one"));
        assertThat(files(out)).isEqualTo(expected); // crops, done.json markers, bags.csv, classes.txt
        for (Path f : expected) {
            if (f.getFileName().toString().equals("done.json")) { // the same marker but for the time it took
                assertThat(marker(out.resolve(f))).isEqualTo(marker(dir.resolve("one").resolve(f)));
            } else {
                assertThat(out.resolve(f)).as(f.toString()).hasSameBinaryContentAs(dir.resolve("one").resolve(f));
            }
        }

        HpaCropResult again = distributed(sc, data.imageFolder(), out);
        assertThat(again.report().imagesResumed()).isEqualTo(data.images());
        assertThat(again.report().imagesCropped()).isZero();
        assertThat(out.resolve("bags.csv")).hasSameBinaryContentAs(dir.resolve("one/bags.csv"));
    }

    @Test
    void aDamagedImageIsReportedAndTheJobGoesOn() throws IOException {
        Path images = dir.resolve("damaged");
        try (Stream<Path> s = Files.list(data.imageFolder())) {
            Files.createDirectories(images);
            for (Path f : s.toList()) {
                Files.copy(f, images.resolve(f.getFileName()));
            }
        }
        String victim;
        try (Stream<Path> s = Files.list(images)) {
            Path first = s.sorted().findFirst().orElseThrow();
            victim = first.getFileName().toString();
            Files.writeString(first, "not an image");
        }
        HpaCropResult r;
        try (JavaSparkContext sc = SparkTestContexts.start("local[2]")) {
            r = distributed(sc, images, dir.resolve("damaged-out"));
        }
        assertThat(r.report().imagesFailed()).isEqualTo(1);
        assertThat(r.report().imagesCropped()).isEqualTo(data.images() - 1);
        assertThat(victim).startsWith(r.report().failures().get(0).imageId());
    }
}
