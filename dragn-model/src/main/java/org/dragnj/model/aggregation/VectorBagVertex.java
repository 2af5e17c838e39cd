package org.dragnj.model.aggregation;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;

/**
 * An aggregation that works on one feature vector per instance: the globally average-pooled
 * feature maps [C] (or the instances themselves when they already are vectors), and produces one
 * vector [C] per bag. Its parameters are sized by C, which it learns from the graph's input types
 * when the graph is built (as DL4J layers learn their nIn) and keeps in its configuration.
 */
public abstract class VectorBagVertex extends BagVertex {

    private long channels;

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        InputType in = super.getOutputType(layerIndex, vertexInputs);
        long c;
        if (in instanceof InputType.InputTypeConvolutional conv) {
            c = conv.getChannels();
        } else if (in instanceof InputType.InputTypeFeedForward ff) {
            c = ff.getSize();
        } else {
            throw new InvalidInputTypeException(getClass().getSimpleName()
                    + " aggregates feature maps [C, h, w] or vectors [C]; got " + in);
        }
        if (channels != 0 && channels != c) {
            throw new InvalidInputTypeException(getClass().getSimpleName() + " was configured for " + channels
                    + " channels but receives " + c);
        }
        channels = c;
        return InputType.feedForward(c);
    }

    /** Feature channels C; 0 until the graph has been built with input types. */
    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = channels;
    }

    protected long requireChannels() {
        if (channels <= 0) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " does not know its feature channels: build the graph with setInputTypes(...)");
        }
        return channels;
    }

    protected void copyChannelsInto(VectorBagVertex other) {
        other.channels = channels;
    }
}
