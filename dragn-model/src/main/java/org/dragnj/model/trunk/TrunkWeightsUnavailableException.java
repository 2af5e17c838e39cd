package org.dragnj.model.trunk;

/** Pretrained trunk weights were asked for but cannot be found or read; the message says what to do. */
public class TrunkWeightsUnavailableException extends RuntimeException {

    public TrunkWeightsUnavailableException(String message) {
        super(message);
    }

    public TrunkWeightsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
