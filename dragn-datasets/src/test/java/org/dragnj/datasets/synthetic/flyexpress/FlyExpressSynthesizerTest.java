package org.dragnj.datasets.synthetic.flyexpress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.datasets.bdgp.BaggingReport;
import org.dragnj.datasets.bdgp.BdgpBagger;
import org.dragnj.datasets.bdgp.BdgpBagging;
import org.dragnj.datasets.bdgp.BdgpBaggingSpec;
import org.dragnj.datasets.bdgp.BdgpTables;
import org.dragnj.datasets.bdgp.View;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.datasets.manifest.ValidationPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic FlyExpress images for the real BDGP file names: small gene subsets, so the class runs in seconds. */
class FlyExpressSynthesizerTest {

    private static BdgpTables tables;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws IOException {
        tables = BdgpTables.builtIn();
    }

    private static FlyExpressSynthSpec.Builder config(Path folder) {
        return FlyExpressSynthSpec.builder().setOutputFolder(folder);
    }

    @Test
    void imagesAre180x320BmpsUnderTheTableNamesAndDependOnTheSeedOnly() throws IOException {
        AtomicLong advanced = new AtomicLong();
        long[] total = new long[1];
        ProgressListener progress = new ProgressListener() {
            @Override
            public void started(String task, long n, String unit) {
                total[0] = n;
            }

            @Override
            public void advanced(long amount, String status) {
                advanced.addAndGet(amount);
            }

            @Override
            public void finished() {
            }
        };
        SynthesisResult two = FlyExpressSynthesizer.generate(config(dir.resolve("a")).optGeneLimit(2).optThreads(2).build(),
                progress);
        assertThat(two.genes()).containsExactly("AT12172", "CG10002");
        assertThat(two.images()).isEqualTo(41).isEqualTo(two.written());
        assertThat(total[0]).isEqualTo(41);
        assertThat(advanced.get()).isEqualTo(41);
        Set<String> expected = new HashSet<>();
        tables.images().stream().filter(r -> two.genes().contains(r.gene())).forEach(r -> expected.addAll(r.files()));
        assertThat(list(dir.resolve("a"))).containsExactlyInAnyOrderElementsOf(expected);
        for (String f : expected) {
            BufferedImage img = ImageIO.read(dir.resolve("a").resolve(f).toFile());
            assertThat(img).as(f).isNotNull();
            assertThat(img.getHeight()).isEqualTo(180);
            assertThat(img.getWidth()).isEqualTo(320);
        }

        // One gene, one thread: the same bytes for the files both runs drew.
        SynthesisResult one = FlyExpressSynthesizer.generate(config(dir.resolve("b")).optGeneLimit(1).optThreads(1).build(),
                ProgressListener.NONE);
        assertThat(one.images()).isEqualTo(10);
        for (String f : list(dir.resolve("b"))) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
        // Another seed, other pixels.
        FlyExpressSynthesizer.generate(config(dir.resolve("c")).optGeneLimit(1).optSeed(2).build(), ProgressListener.NONE);
        String first = list(dir.resolve("b")).get(0);
        assertThat(Files.readAllBytes(dir.resolve("c").resolve(first)))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("b").resolve(first)));
    }

    @Test
    void aSecondRunSkipsWhatIsThereAndRedrawsWhatIsMissing() throws IOException {
        FlyExpressSynthSpec cfg = config(dir).optGeneLimit(1).build();
        FlyExpressSynthesizer.generate(cfg, ProgressListener.NONE);
        String victim = list(dir).get(3);
        byte[] before = Files.readAllBytes(dir.resolve(victim));
        Files.delete(dir.resolve(victim));
        SynthesisResult again = FlyExpressSynthesizer.generate(cfg, ProgressListener.NONE);
        assertThat(again.written()).isEqualTo(1);
        assertThat(again.skipped()).isEqualTo(again.images() - 1);
        assertThat(Files.readAllBytes(dir.resolve(victim))).isEqualTo(before);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void everyTermShowsSomewhereInItsBagButSingleImagesShowOnlyPart() {
        Map<String, ImagePlan> plans = FlyExpressSynthesizer.plan(tables, config(dir).build());
        Map<String, Set<String>> termsOfBag = new HashMap<>();
        tables.annotations().forEach(r -> termsOfBag.computeIfAbsent(r.gene() + "_s" + r.stageGroup(),
                k -> new HashSet<>()).addAll(r.terms()));
        Map<String, Set<String>> filesOfBag = new HashMap<>();
        tables.images().forEach(r -> filesOfBag.computeIfAbsent(r.gene() + "_s" + r.stageGroup(),
                k -> new LinkedHashSet<>()).addAll(r.files()));
        int images = 0;
        int incomplete = 0;
        for (Map.Entry<String, Set<String>> bag : filesOfBag.entrySet()) {
            Set<String> terms = termsOfBag.getOrDefault(bag.getKey(), Set.of());
            Set<String> shown = new HashSet<>();
            for (String f : bag.getValue()) {
                shown.addAll(plans.get(f).terms());
                if (bag.getValue().size() > 1 && terms.size() > 1) {
                    images++;
                    incomplete += plans.get(f).terms().containsAll(terms) ? 0 : 1;
                }
            }
            assertThat(shown).as("terms shown by the images of %s", bag.getKey()).containsAll(terms);
        }
        assertThat(plans).hasSize(43381);
        assertThat(incomplete / (double) images).as("images missing some of their bag's terms").isGreaterThan(0.5);
    }

    @Test
    void aDorsalPatternShowsInDorsalViewsAndNotInVentralOnes() {
        FlyExpressSynthSpec clean = config(dir).optNoise(0).optDecoyProbability(0).build();
        assertThat(TermPattern.of("embryonic dorsal epidermis").dv1()).isLessThanOrEqualTo(0.3);
        assertThat(TermPattern.of("ubiquitous").kind()).isEqualTo(TermPattern.Kind.UBIQUITOUS);
        assertThat(TermPattern.of("embryonic hindgut").u0()).isGreaterThan(0.3);
        assertThat(TermPattern.of("embryonic hindgut")).isEqualTo(TermPattern.of("embryonic hindgut"));
        List<Integer> stained = new ArrayList<>();
        for (View v : View.values()) {
            int[] plain = FlyExpressSynthesizer.render(new ImagePlan("x.bmp", "g", 4, v, List.of()), clean);
            int[] amnioserosa = FlyExpressSynthesizer.render(new ImagePlan("x.bmp", "g", 4, v, List.of("amnioserosa")),
                    clean);
            stained.add(stainedPixels(amnioserosa, plain));
        }
        int lateral = stained.get(0);
        int dorsal = stained.get(1);
        int ventral = stained.get(2);
        assertThat(dorsal).isGreaterThan(2000);
        assertThat(lateral).isGreaterThan(200).isLessThan(dorsal);
        assertThat(ventral).isZero();
    }

    /** Pixels whose red channel the stain darkened clearly (the stain is blue-purple, the embryo cream). */
    private static int stainedPixels(int[] rgb, int[] unstained) {
        int n = 0;
        for (int i = 0; i < rgb.length; i++) {
            n += ((unstained[i] >> 16) & 0xFF) - ((rgb[i] >> 16) & 0xFF) > 30 ? 1 : 0;
        }
        return n;
    }

    @Test
    void theRealBaggingRunsOnSyntheticImages() throws IOException {
        Path manifest = dir.resolve("manifest");
        Path images = manifest.resolve("images");
        SynthesisResult synth = FlyExpressSynthesizer.generate(config(images).optGeneLimit(2).build(),
                ProgressListener.NONE);
        BdgpBagging bagging = BdgpBagger.run(BdgpBaggingSpec.builder().setOutputFolder(manifest)
                .optImageFolder(images).optTopK(5).build(), ProgressListener.NONE);
        BaggingReport report = bagging.report();
        assertThat(report.bags()).isPositive();
        assertThat(report.classes()).hasSize(5);
        assertThat(report.missingInstances()).isPositive();
        assertThat(report.droppedBags().get(BaggingReport.ALL_IMAGES_MISSING)).isPositive();
        assertThat(bagging.manifest().bags()).extracting(b -> b.id().substring(0, b.id().lastIndexOf("_s")))
                .allMatch(synth.genes()::contains);

        // Every label of a bag is drawn in at least one of its images.
        Map<String, ImagePlan> plans = FlyExpressSynthesizer.plan(tables, config(images).build());
        for (BagRecord b : bagging.manifest().bags()) {
            Set<String> shown = new HashSet<>();
            b.instances().forEach(i -> shown.addAll(plans.get(Path.of(i).getFileName().toString()).terms()));
            assertThat(shown).as("terms drawn for %s", b.id()).containsAll(b.labels());
            assertThat(b.instances()).allMatch(i -> i.startsWith("images/"));
        }
        ManifestReader.Result read = ManifestReader.of(ValidationPolicy.FAIL, ManifestReader.ImageCheck.DECODE)
                .read(manifest);
        assertThat(read.report().isClean()).isTrue();
        assertThat(read.manifest().bags()).hasSize(report.bags());
    }

    @Test
    void configValuesAreChecked() {
        assertThatThrownBy(() -> FlyExpressSynthSpec.builder().build()).hasMessageContaining("setOutputFolder");
        assertThatThrownBy(() -> config(dir).optGeneLimit(-1).build()).hasMessageContaining("geneLimit");
        assertThatThrownBy(() -> config(dir).optEvidenceProbability(0).build()).hasMessageContaining("evidenceProbability");
        assertThatThrownBy(() -> config(dir).optThreads(0).build()).hasMessageContaining("threads");
    }

    private static List<String> list(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
