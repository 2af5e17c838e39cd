package org.dragnj.datasets.iterator;

import java.io.IOException;

import org.dragnj.bags.manifest.Manifest;

/**
 * Where a bag iterator gets one instance's values from: the image file (decoded and resized), or
 * a feature map computed once by a frozen trunk and cached (see {@code org.dragnj.data.features}).
 */
public interface InstanceSource {

    /** Shape of one instance: [channels, height, width]. */
    long[] shape();

    /**
     * The instance's values, row-major in {@link #shape()}.
     *
     * @param instance the instance as the manifest lists it
     */
    float[] load(String instance) throws IOException;

    /** Whether the values are pixels (augmentation flips and rotates pixels; features are not augmented). */
    boolean isImage();

    /** Decodes and resizes the manifest's image files as the spec says. */
    static InstanceSource images(Manifest manifest, BagLoaderSpec spec) {
        InstanceLoader loader = new InstanceLoader(spec);
        long[] shape = {spec.channels(), spec.height(), spec.width()};
        return new InstanceSource() {
            @Override
            public long[] shape() {
                return shape.clone();
            }

            @Override
            public float[] load(String instance) throws IOException {
                return loader.load(manifest.resolve(instance));
            }

            @Override
            public boolean isImage() {
                return true;
            }
        };
    }
}
