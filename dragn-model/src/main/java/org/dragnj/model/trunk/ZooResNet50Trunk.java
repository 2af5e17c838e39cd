package org.dragnj.model.trunk;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.zoo.model.ResNet50;

/**
 * The DL4J zoo ResNet50, taken from the zoo's own graph definition minus its pooling and
 * classifier, under the zoo's layer names, so that the zoo's ImageNet weights map onto it by name.
 *
 * <p>The zoo's default weight init (truncated normal, σ 0.5) makes activations overflow to NaN;
 * He (ReLU) init is used instead.
 */
final class ZooResNet50Trunk implements TrunkArchitecture {

    /** The zoo graph's input vertex, renamed to the trunk's input. */
    static final String ZOO_INPUT = "input";
    /** The last residual stage; the zoo follows it with a 3x3 max pool and a softmax classifier. */
    static final String OUTPUT = "res5c_branch";
    private static final Set<String> CLASSIFIER = Set.of("avgpool", "output");

    @Override
    public String addTo(GraphBuilder graph, String input, TrunkContext context) {
        GraphBuilder zoo = ResNet50.builder()
                .inputShape(new int[] {3, context.inputHeight(), context.inputWidth()})
                .numClasses(1)
                .seed(context.seed())
                .updater(context.updater())
                .weightInit(WeightInit.RELU.getWeightInitFunction())
                .build()
                .graphBuilder();
        Map<String, List<String>> inputs = zoo.getVertexInputs();
        for (Map.Entry<String, GraphVertex> v : zoo.getVertices().entrySet()) {
            if (CLASSIFIER.contains(v.getKey())) {
                continue;
            }
            String[] from = inputs.get(v.getKey()).stream().map(s -> s.equals(ZOO_INPUT) ? input : s)
                    .toArray(String[]::new);
            graph.addVertex(v.getKey(), v.getValue().clone(), from);
        }
        return OUTPUT;
    }
}
