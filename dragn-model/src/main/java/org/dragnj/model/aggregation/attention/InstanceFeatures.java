package org.dragnj.model.aggregation.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/** One vector per instance: global average pooling of maps [n, C, h, w], or vectors [n, C] as they are. */
final class InstanceFeatures {

    private InstanceFeatures() {
    }

    static INDArray of(INDArray instances) {
        return instances.rank() == 4 ? instances.mean(2, 3) : instances.dup();
    }

    /** Gradient of the instances from the gradient of their vectors [n, C]. */
    static INDArray backward(INDArray featureGradient, long[] instanceShape) {
        if (instanceShape.length != 4) {
            return featureGradient;
        }
        INDArray grad = Nd4j.zeros(featureGradient.dataType(), instanceShape);
        Broadcast.add(grad, featureGradient.div(instanceShape[2] * instanceShape[3]), grad, 0, 1);
        return grad;
    }
}
