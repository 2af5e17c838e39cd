package org.dragnj.bags.manifest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bag manifest in memory: the folder it lives in, the label names in output order, and the
 * bags. On disk it is {@code bags.csv} (bag_id,split,labels,instances) and {@code classes.txt}.
 *
 * @param folder  the manifest folder; relative instance paths resolve against it
 * @param classes label names in output order
 * @param bags    the bags, in file order
 */
public record Manifest(Path folder, List<String> classes, List<BagRecord> bags) {

    public static final String BAGS_FILE = "bags.csv";
    public static final String CLASSES_FILE = "classes.txt";
    public static final String[] HEADER = {"bag_id", "split", "labels", "instances"};

    public Manifest {
        folder = folder.toAbsolutePath().normalize();
        classes = List.copyOf(classes);
        bags = List.copyOf(bags);
    }

    /** The file of an instance path as written in the manifest. */
    public Path resolve(String instance) {
        return folder.resolve(instance).normalize();
    }

    public List<BagRecord> bags(Split split) {
        return bags.stream().filter(b -> b.split() == split).toList();
    }

    /** Multi-hot targets of a bag in class order. */
    public float[] targets(BagRecord bag) {
        Map<String, Integer> index = classIndex();
        float[] y = new float[classes.size()];
        for (String label : bag.labels()) {
            Integer k = index.get(label);
            if (k == null) {
                throw new IllegalArgumentException("bag " + bag.id() + " has label '" + label
                        + "', which is not in " + CLASSES_FILE);
            }
            y[k] = 1f;
        }
        return y;
    }

    public Map<String, Integer> classIndex() {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        return index;
    }
}
