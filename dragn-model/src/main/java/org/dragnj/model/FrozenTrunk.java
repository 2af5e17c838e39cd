package org.dragnj.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.model.inference.BatchNormFolding;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A post-aggregation model split at its trunk: the trunk computes each instance's feature maps
 * once (they can be cached, as the trunk does not change), and a head model (aggregation, pooling,
 * classifier) trains on those features alone. {@link #assemble()} puts the trained head back on
 * the trunk, giving an ordinary model that reads images.
 *
 * <p>The trunk runs in inference mode: its BatchNorm layers use their running statistics, as a
 * frozen (pretrained) trunk should.
 */
public final class FrozenTrunk {

    private final DragnModel full;
    private final ComputationGraph trunk;
    private final Head head;
    private final long[] featureShape;
    /** The trunk with BatchNorm folded, made on first use. */
    private ComputationGraph inferenceTrunk;

    /**
     * The part that trains: aggregation, pooling and classifier, reading trunk features [C, h, w] as
     * its instances. It is not a model of its own (it cannot read images), so it has no file: the
     * whole model, {@link #assemble()}, is what is saved.
     */
    public static final class Head extends GraphBagClassifier {
        private Head(ModelSpec spec, ComputationGraph graph) {
            super(spec, graph);
        }
    }

    private FrozenTrunk(DragnModel full, ComputationGraph trunk, Head head, long[] featureShape) {
        this.full = full;
        this.trunk = trunk;
        this.head = head;
        this.featureShape = featureShape;
    }

    /** Splits a model whose trunk is the spec's. */
    public static FrozenTrunk of(DragnModel model) {
        return of(model, model.spec().trunk());
    }

    /** Splits a model built on another trunk architecture (as {@link DragnModel#create(ModelSpec, TrunkArchitecture)}). */
    public static FrozenTrunk of(DragnModel model, TrunkArchitecture architecture) {
        ModelSpec spec = model.spec();
        ComputationGraph trunk = new ComputationGraph(ModelGraphFactory.configureTrunk(spec, architecture));
        trunk.init();
        copyParams(model.graph(), trunk, true);
        long[] shape = trunk.getConfiguration().getLayerActivationTypes(
                        org.deeplearning4j.nn.conf.inputs.InputType.convolutional(spec.inputHeight(), spec.inputWidth(),
                                spec.inputChannels()))
                .get(trunk.getConfiguration().getNetworkOutputs().get(0)).getShape(false);
        ComputationGraph headGraph = new ComputationGraph(ModelGraphFactory.configureHead(spec, shape));
        headGraph.init();
        copyParams(model.graph(), headGraph, true);
        return new FrozenTrunk(model, trunk, new Head(spec, headGraph), shape);
    }

    /** Shape of one instance's trunk features: [C, h, w]. */
    public long[] featureShape() {
        return featureShape.clone();
    }

    /**
     * Trunk feature maps [n, C, h, w] of instances [n, channels, H, W] (inference mode), computed by a copy of
     * the trunk with its BatchNorm folded into its convolutions: the trunk never trains here, and the copy
     * gives the same features with less work per pass.
     */
    public INDArray features(INDArray instances) {
        if (inferenceTrunk == null) {
            inferenceTrunk = BatchNormFolding.fold(trunk).graph();
        }
        return inferenceTrunk.output(false, instances)[0];
    }

    /** The classifier to train: its instances are trunk features. */
    public Head head() {
        return head;
    }

    /** The whole model with the head's current parameters: reads images, saves and loads as any model. */
    public DragnModel assemble() {
        copyParams(full.graph(), head.graph(), false);
        return full;
    }

    /**
     * Identifies what the trunk computes: architecture, input size and channels, data type and the
     * parameter values. Equal fingerprints mean equal features for the same image.
     */
    public String fingerprint() {
        ModelSpec spec = full.spec();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((spec.trunk() + "|" + spec.inputHeight() + "x" + spec.inputWidth() + "x" + spec.inputChannels()
                    + "|" + spec.dataType() + "|" + Arrays.toString(featureShape)).getBytes(StandardCharsets.UTF_8));
            float[] params = trunk.params().castTo(DataType.FLOAT).dup().toFloatVector();
            ByteBuffer bytes = ByteBuffer.allocate(4 * params.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(params);
            sha.update(bytes);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The head's optimizer state, to store in a checkpoint next to the assembled model: the
     * updater's arrays and the iteration and epoch counts (Adam's bias correction reads them).
     */
    public byte[] headUpdaterState() throws IOException {
        INDArray state = head.graph().getUpdater().getStateViewArray();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(head.graph().getConfiguration().getIterationCount());
        out.writeInt(head.graph().getConfiguration().getEpochCount());
        Nd4j.write(out, state == null ? Nd4j.empty(DataType.FLOAT) : state);
        out.flush();
        return bytes.toByteArray();
    }

    /** Restores the head's optimizer state from {@link #headUpdaterState()}. */
    public void restoreHeadUpdaterState(byte[] saved) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved));
        int iteration = in.readInt();
        int epoch = in.readInt();
        INDArray state = Nd4j.read(in);
        head.graph().getConfiguration().setIterationCount(iteration);
        head.graph().getConfiguration().setEpochCount(epoch);
        INDArray target = head.graph().getUpdater().getStateViewArray();
        if (target == null ? !state.isEmpty() : !Arrays.equals(target.shape(), state.shape())) {
            throw new IOException("the stored optimizer state does not fit this model's head");
        }
        if (target != null) {
            target.assign(state);
        }
    }

    /**
     * Copies the parameters of every parameterised vertex of {@code part} between it and the vertex of
     * the same name in {@code whole}: into the part, or back into the whole.
     */
    static void copyParams(ComputationGraph whole, ComputationGraph part, boolean intoPart) {
        for (GraphVertex v : part.getVertices()) {
            if (v.numParams() == 0) {
                continue;
            }
            GraphVertex w = whole.getVertex(v.getVertexName());
            if (w == null || w.numParams() != v.numParams()) {
                throw new IllegalStateException("cannot copy parameters of " + v.getVertexName() + ": the graphs differ");
            }
            if (intoPart) {
                v.params().assign(w.params());
            } else {
                w.params().assign(v.params());
            }
        }
    }
}
