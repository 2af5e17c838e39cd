package org.dragnj.datasets.synthetic.flyexpress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes 24-bit uncompressed BMP, the format of the FlyExpress files. Written by hand rather than
 * through ImageIO because ImageIO's stream writer buffers through temporary files unless its
 * JVM-wide cache switch is turned off, and the bytes here depend on the pixels alone.
 */
final class BmpWriter {

    private static final int HEADER = 14 + 40;

    private BmpWriter() {
    }

    /** {@code rgb}: packed 0xRRGGBB, row-major, top row first. */
    static void write(int[] rgb, int width, int height, OutputStream out) throws IOException {
        if (rgb.length != width * height) {
            throw new IllegalArgumentException(rgb.length + " pixels for a " + width + "x" + height + " image");
        }
        int rowBytes = (width * 3 + 3) & ~3;
        int size = HEADER + rowBytes * height;
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 'B').put((byte) 'M').putInt(size).putInt(0).putInt(HEADER);
        buf.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0)
                .putInt(rowBytes * height).putInt(2835).putInt(2835).putInt(0).putInt(0);
        for (int y = height - 1; y >= 0; y--) { // BMP rows run bottom-up
            int start = buf.position();
            for (int x = 0; x < width; x++) {
                int p = rgb[y * width + x];
                buf.put((byte) p).put((byte) (p >> 8)).put((byte) (p >> 16));
            }
            buf.position(start + rowBytes);
        }
        out.write(buf.array());
    }
}
