package org.dragnj.datasets.synthetic.flyexpress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.datasets.bdgp.BdgpTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes synthetic FlyExpress images — real BDGP file names, synthetic pixels — so that the real
 * bagging protocol can run end to end on the real metadata without the real images. Each image
 * shows the expression patterns ({@link TermPattern}) of some of its gene × stage group's terms
 * ({@link SynthesisPlanner}); one image is weak evidence, the group's images together show every
 * term. 180 × 320, 24-bit BMP under the table's file name, flat in the output folder.
 *
 * <p>Deterministic: an image depends on the seed and the tables only, not on the gene limit, the
 * thread count or what else is drawn. Resumable: files already present are skipped; files are
 * written to a temporary name and renamed, so a present file is always complete.
 */
public final class FlyExpressSynthesizer {

    private static final Logger LOG = LoggerFactory.getLogger(FlyExpressSynthesizer.class);

    /** Standardised FlyExpress image size. */
    public static final int HEIGHT = EmbryoRenderer.HEIGHT;
    public static final int WIDTH = EmbryoRenderer.WIDTH;

    private FlyExpressSynthesizer() {
    }

    /** Reads the tables named by the config and writes the images of its genes. */
    public static SynthesisResult generate(FlyExpressSynthSpec config, ProgressListener progress) throws IOException {
        BdgpTables tables = BdgpTables.read(config.imagesCsv(), config.annotationsCsv());
        Map<String, ImagePlan> plans = plan(tables, config);
        Set<String> genes = SynthesisPlanner.genes(tables, config.geneLimit());
        List<String> files = SynthesisPlanner.filesOf(tables, genes);
        for (String f : files) {
            if (!f.toLowerCase(Locale.ROOT).endsWith(".bmp") || f.contains("/") || f.contains("\\")) {
                throw new IllegalArgumentException("image '" + f + "' of gene " + plans.get(f).gene() + " in "
                        + tables.imagesSource() + ": only plain .bmp file names can be synthesised");
            }
        }
        Path folder = config.outputFolder();
        Files.createDirectories(folder);
        AtomicFiles.removeStaleTemporaries(folder, 0);
        EmbryoRenderer renderer = renderer(config);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        progress.started("drawing synthetic FlyExpress images into " + folder, files.size(), "images");
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "flyexpress-synth");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>(files.size());
            for (String f : files) {
                jobs.add(pool.submit(() -> {
                    Path target = folder.resolve(f);
                    if (Files.isRegularFile(target) && Files.size(target) > 0) {
                        skipped.incrementAndGet();
                        progress.advanced(1, "skipped " + f);
                        return null;
                    }
                    int[] rgb = renderer.render(plans.get(f));
                    AtomicFiles.write(target, out -> BmpWriter.write(rgb, WIDTH, HEIGHT, out));
                    written.incrementAndGet();
                    progress.advanced(1, f);
                    return null;
                }));
            }
            for (int i = 0; i < jobs.size(); i++) {
                try {
                    jobs.get(i).get();
                } catch (ExecutionException e) {
                    throw new IOException("drawing " + folder.resolve(files.get(i)) + " failed: " + e.getCause(),
                            e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while drawing images into " + folder
                            + "; run again to finish (present files are skipped)", e);
                }
            }
        } finally {
            pool.shutdownNow();
            progress.finished();
        }
        LOG.info("synthetic FlyExpress: {} images of {} genes in {} ({} written, {} already there)", files.size(),
                genes.size(), folder, written.get(), skipped.get());
        return new SynthesisResult(folder, List.copyOf(genes), files.size(), written.get(), skipped.get());
    }

    /** What every image of the tables shows (all images, whatever the gene limit). */
    public static Map<String, ImagePlan> plan(BdgpTables tables, FlyExpressSynthSpec config) {
        return SynthesisPlanner.plan(tables, config.seed(), config.evidenceProbability());
    }

    /** One image as packed 0xRRGGBB pixels, row-major, top row first, {@value #HEIGHT} × {@value #WIDTH}. */
    public static int[] render(ImagePlan plan, FlyExpressSynthSpec config) {
        return renderer(config).render(plan);
    }

    private static EmbryoRenderer renderer(FlyExpressSynthSpec config) {
        Map<String, TermPattern> cache = new ConcurrentHashMap<>();
        return new EmbryoRenderer(config.seed(), config.decoyProbability(), config.noise(),
                term -> cache.computeIfAbsent(term, TermPattern::of));
    }
}
