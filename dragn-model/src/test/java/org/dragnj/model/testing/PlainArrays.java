package org.dragnj.model.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.BagLayout;
import org.dragnj.bags.Rows;
import org.dragnj.model.aggregation.DetachedVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Conversions from ND4J arrays to plain Java arrays, for the reference implementations. */
public final class PlainArrays {

    private PlainArrays() {
    }

    /** Bags [from, to) of packed maps [sum n, C, h, w] as [instance][channel][y][x]. */
    public static List<double[][][][]> bags(INDArray packed, BagLayout layout, int from, int to) {
        List<double[][][][]> bags = new ArrayList<>();
        for (int b = from; b < to; b++) {
            // dup: toDoubleMatrix() of a slice of a row-offset view can come back empty in ND4J M2.1.
            INDArray bag = packed.get(Rows.of(layout.offset(b), layout.length(b), 4)).dup();
            double[][][][] arr = new double[layout.length(b)][][][];
            for (int j = 0; j < arr.length; j++) {
                INDArray inst = bag.slice(j);
                arr[j] = new double[(int) inst.size(0)][][];
                for (int c = 0; c < arr[j].length; c++) {
                    arr[j][c] = inst.slice(c).dup().toDoubleMatrix();
                }
            }
            bags.add(arr);
        }
        return bags;
    }

    /** A vertex's parameters by name, flattened in 'c' order. */
    public static Map<String, double[]> params(DetachedVertex v) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String name : v.paramNames()) {
            out.put(name, v.param(name).dup('c').reshape(-1).toDoubleVector());
        }
        return out;
    }

    /** A matrix parameter [rows, cols] as double[rows][cols]. */
    public static double[][] matrix(INDArray a) {
        return a.dup('c').toDoubleMatrix();
    }
}
