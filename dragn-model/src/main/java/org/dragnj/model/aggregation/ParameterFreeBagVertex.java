package org.dragnj.model.aggregation;

import java.util.List;

/** A bag aggregation without parameters; configurations of one class are all equal. */
public abstract class ParameterFreeBagVertex extends BagVertex {

    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
