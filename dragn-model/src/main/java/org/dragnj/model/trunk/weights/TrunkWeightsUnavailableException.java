package org.dragnj.model.trunk.weights;

/** Pretrained trunk weights were asked for but cannot be found or read; the message says what to do. */
public class TrunkWeightsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrunkWeightsUnavailableException(String message) {
        super(message);
    }

    public TrunkWeightsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
