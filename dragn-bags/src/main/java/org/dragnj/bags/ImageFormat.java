package org.dragnj.bags;

/**
 * The format of an instance image file, as far as a model's input cares: size, channels (as OpenCV
 * decodes them: alpha and a fourth stain count) and bits per channel.
 */
public record ImageFormat(int width, int height, int channels, int bitDepth) {

    public ImageFormat {
        if (width < 1 || height < 1 || channels < 1 || bitDepth < 1) {
            throw new IllegalArgumentException("an image format needs positive size, channels and bit depth, got "
                    + width + "x" + height + ", " + channels + " channels, " + bitDepth + " bits");
        }
    }

    /** "512x512" (width x height). */
    public String size() {
        return width + "x" + height;
    }

    /** "512x512, 3 channels, 8-bit". */
    @Override
    public String toString() {
        return size() + ", " + channels + " channel" + (channels == 1 ? "" : "s") + ", " + bitDepth + "-bit";
    }
}
