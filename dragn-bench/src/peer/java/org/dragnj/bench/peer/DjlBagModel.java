package org.dragnj.bench.peer;

import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.attention.AttentionMilVertex;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link PeerModel} as one DJL block: trunk per instance → aggregation per bag → global average
 * pooling (map aggregations) → linear head. Input [B·n, channels, H, W], output the head's logits
 * [B, K]; the sigmoid belongs to the loss and to prediction, as in DL4J's output layer.
 */
final class DjlBagModel extends AbstractBlock {

    private final Block trunk;
    private final Block aggregation;
    private final boolean maps;
    private final Linear head;

    private DjlBagModel(Block trunk, Block aggregation, boolean maps, Linear head) {
        this.trunk = addChildBlock("trunk", trunk);
        this.aggregation = addChildBlock("aggregation", aggregation);
        this.maps = maps;
        this.head = addChildBlock("head", head);
    }

    /** The case's model, its parameters bound to the names of the graph DL4J builds from the same spec. */
    static DjlBagModel of(PeerModel model, WeightBindings weights) {
        Aggregation a = model.aggregation();
        Block aggregation = switch (a) {
            case DRAGN_L1, DRAGN_L2, DRAGN_L3 -> new DjlDragnUnit(new UnitArchitecture(a.unitDepth().orElseThrow(),
                    model.unitBatchNorm()), model.length(), ModelGraphFactory.AGGREGATE, weights);
            case MEAN -> mean(model.length());
            case GATED_ATTENTION -> new DjlGatedAttention(AttentionMilVertex.DEFAULT_HIDDEN, model.length(),
                    ModelGraphFactory.AGGREGATE, weights);
            default -> throw new IllegalArgumentException("the peer has no DJL twin of " + a);
        };
        Linear head = weights.dense(ModelGraphFactory.HEAD, Linear.builder().setUnits(PeerModel.LABELS).build());
        return new DjlBagModel(DjlTrunks.of(model.trunk(), weights), aggregation,
                a.output() == Aggregation.Output.MAPS, head);
    }

    /** MI_mean over each bag's n consecutive rows. */
    private static Block mean(int length) {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            Shape s = x.getShape();
            return new NDList(x.reshape(new Shape(s.get(0) / length, length).addAll(s.slice(1))).mean(new int[] {1}));
        });
    }

    /** [N, C, h, w] → [N, C] (PyTorch's mean takes one axis in DJL; this is torchvision's adaptive pooling). */
    static NDArray spatialMean(NDArray maps) {
        return Pool.globalAvgPool2d(maps).reshape(maps.getShape().get(0), maps.getShape().get(1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList features = trunk.forward(ps, inputs, training);
        NDArray bag = aggregation.forward(ps, features, training).singletonOrThrow();
        if (maps) {
            bag = spatialMean(bag);
        }
        return head.forward(ps, new NDList(bag), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape features = trunk.getOutputShapes(inputShapes)[0];
        Shape bag = aggregation.getOutputShapes(new Shape[] {features})[0];
        return head.getOutputShapes(new Shape[] {new Shape(bag.get(0), bag.get(1))});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        Shape features = trunk.getOutputShapes(inputShapes)[0];
        aggregation.initialize(manager, dataType, features);
        Shape bag = aggregation.getOutputShapes(new Shape[] {features})[0];
        head.initialize(manager, dataType, new Shape(bag.get(0), bag.get(1)));
    }
}
