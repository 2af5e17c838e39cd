package org.dragnj.datasets.synthetic.flyexpress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.dragnj.datasets.bdgp.BdgpTables;
import org.dragnj.datasets.bdgp.View;
import org.dragnj.datasets.random.Seeds;

/**
 * Decides what every image named in the BDGP tables shows. The unit is the gene × stage group,
 * as in bagging: its terms are the union of its annotation rows, and each term is shown by a
 * random subset of the group's images (each with the evidence probability), at least one of them —
 * a lateral one when there is one, since a lateral view shows both the dorsal and the ventral side.
 * So one image rarely shows everything, while the group as a whole shows every term.
 *
 * <p>The plan is always made from the whole tables, so an image looks the same whether all images
 * or only a gene subset is drawn. A file listed under several gene × stage groups (the tables
 * have a few) shows the union of what each group gives it, and takes the view and stage of its
 * first listing. A direction other than lateral/dorsal/ventral is drawn as lateral.
 */
final class SynthesisPlanner {

    private SynthesisPlanner() {
    }

    /** Every image file of the tables, in table order. */
    static Map<String, ImagePlan> plan(BdgpTables tables, long seed, double evidenceProbability) {
        Map<String, Set<String>> termsOf = new LinkedHashMap<>();
        for (BdgpTables.AnnotationRow r : tables.annotations()) {
            termsOf.computeIfAbsent(key(r.gene(), r.stageGroup()), k -> new LinkedHashSet<>()).addAll(r.terms());
        }
        Map<String, List<String>> filesOf = new LinkedHashMap<>();
        Map<String, ImagePlan.Builder> plans = new LinkedHashMap<>();
        for (BdgpTables.ImageRow r : tables.images()) {
            String key = key(r.gene(), r.stageGroup());
            List<String> files = filesOf.computeIfAbsent(key, k -> new ArrayList<>());
            View view = r.view() == null ? View.LATERAL : r.view();
            for (String f : r.files()) {
                if (!files.contains(f)) {
                    files.add(f);
                }
                plans.computeIfAbsent(f, x -> new ImagePlan.Builder(f, r.gene(), r.stageGroup(), view));
            }
        }
        for (Map.Entry<String, List<String>> e : filesOf.entrySet()) {
            List<String> files = e.getValue();
            for (String term : termsOf.getOrDefault(e.getKey(), Set.of())) {
                Random rnd = new Random(Seeds.named(seed, "evidence", e.getKey(), term));
                boolean any = false;
                for (String f : files) {
                    if (rnd.nextDouble() < evidenceProbability) {
                        plans.get(f).terms.add(term);
                        any = true;
                    }
                }
                if (!any) {
                    List<String> lateral = files.stream().filter(f -> plans.get(f).view == View.LATERAL).toList();
                    List<String> from = lateral.isEmpty() ? files : lateral;
                    plans.get(from.get(rnd.nextInt(from.size()))).terms.add(term);
                }
            }
        }
        Map<String, ImagePlan> out = new LinkedHashMap<>();
        plans.forEach((f, b) -> out.put(f, b.build()));
        return out;
    }

    /** The first {@code limit} genes by name that occur in both tables; all genes of the image table when 0. */
    static Set<String> genes(BdgpTables tables, int limit) {
        Set<String> withImages = new TreeSet<>();
        tables.images().forEach(r -> withImages.add(r.gene()));
        if (limit == 0) {
            return withImages;
        }
        Set<String> annotated = new HashSet<>();
        tables.annotations().forEach(r -> annotated.add(r.gene()));
        return withImages.stream().filter(annotated::contains).limit(limit)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The files listed under any of {@code genes}, in table order. */
    static List<String> filesOf(BdgpTables tables, Set<String> genes) {
        Set<String> files = new LinkedHashSet<>();
        for (BdgpTables.ImageRow r : tables.images()) {
            if (genes.contains(r.gene())) {
                files.addAll(r.files());
            }
        }
        return List.copyOf(files);
    }

    private static String key(String gene, int stage) {
        return gene + "_s" + stage;
    }
}
