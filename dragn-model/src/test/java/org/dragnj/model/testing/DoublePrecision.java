package org.dragnj.model.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's gradient checker insists on ND4J's global default type being DOUBLE. This extension sets
 * it for one test class and restores the previous defaults afterwards.
 */
public final class DoublePrecision implements BeforeAllCallback, AfterAllCallback {

    private DataType previous;
    private DataType previousFloating;

    @Override
    public void beforeAll(ExtensionContext context) {
        previous = Nd4j.dataType();
        previousFloating = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Nd4j.setDefaultDataTypes(previous, previousFloating);
    }
}
