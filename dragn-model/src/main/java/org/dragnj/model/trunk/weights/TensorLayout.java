package org.dragnj.model.trunk.weights;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Decodes a tensor from raw little-endian bytes: an element type, a shape, element strides and an
 * element offset into its storage (PyTorch views share their base's storage; safetensors tensors
 * are contiguous). Floating types become FLOAT arrays (DOUBLE for float64), integer types LONG.
 */
final class TensorLayout {

    /** Element types of the two formats, by their width and decoding. */
    enum ElementType {
        FLOAT32(4), FLOAT64(8), FLOAT16(2), BFLOAT16(2), INT64(8), INT32(4), INT16(2), INT8(1), UINT8(1), BOOL(1);

        final int bytes;

        ElementType(int bytes) {
            this.bytes = bytes;
        }

        DataType dataType() {
            return switch (this) {
                case FLOAT32, FLOAT16, BFLOAT16 -> DataType.FLOAT;
                case FLOAT64 -> DataType.DOUBLE;
                default -> DataType.LONG;
            };
        }

        double read(ByteBuffer buffer, long element) {
            int at = Math.toIntExact(element * bytes);
            return switch (this) {
                case FLOAT32 -> buffer.getFloat(at);
                case FLOAT64 -> buffer.getDouble(at);
                case FLOAT16 -> halfToFloat(buffer.getShort(at));
                // bfloat16 is the upper half of a float32
                case BFLOAT16 -> Float.intBitsToFloat((buffer.getShort(at) & 0xffff) << 16);
                case INT64 -> buffer.getLong(at);
                case INT32 -> buffer.getInt(at);
                case INT16 -> buffer.getShort(at);
                case INT8 -> buffer.get(at);
                case UINT8, BOOL -> buffer.get(at) & 0xff;
            };
        }

        /** Integer types without a detour through double (int64 values beyond 2^53 stay exact). */
        long readInteger(ByteBuffer buffer, long element) {
            return this == INT64 ? buffer.getLong(Math.toIntExact(element * bytes)) : (long) read(buffer, element);
        }
    }

    private TensorLayout() {
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat): sign, 5-bit exponent, 10-bit fraction. */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));
        }
        if (exponent == 0) {
            // zero or subnormal: fraction · 2^-24
            float magnitude = fraction * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (fraction << 13));
    }

    /** Row-major strides of a shape. */
    static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Gathers the tensor [shape] whose element (i0, i1, …) sits at storage element
     * offset + Σ i_d·stride_d, into a new row-major array.
     *
     * @throws IllegalArgumentException when an element would lie outside the storage
     */
    static INDArray decode(ByteBuffer storage, ElementType type, long storageElements, long offset, long[] shape,
            long[] strides) {
        long n = elementCount(shape);
        long last = offset;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 0) {
                last += (shape[d] - 1) * strides[d];
            }
        }
        if (n > 0 && (offset < 0 || last >= storageElements)) {
            throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " (offset " + offset
                    + ", strides " + Arrays.toString(strides) + ") reaches element " + last + " of a storage of "
                    + storageElements);
        }
        if (shape.length == 0) {
            DataType dt = type.dataType();
            return dt == DataType.LONG ? Nd4j.scalar(type.readInteger(storage, offset))
                    : Nd4j.scalar(dt, type.read(storage, offset));
        }
        int count = Math.toIntExact(n);
        long[] at = storageIndices(offset, shape, strides, count);
        long[] outShape = shape.clone();
        return switch (type.dataType()) {
            case FLOAT -> {
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (float) type.read(storage, at[i]);
                }
                yield Nd4j.create(values, outShape, 'c');
            }
            case DOUBLE -> {
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    values[i] = type.read(storage, at[i]);
                }
                yield Nd4j.create(values, outShape, 'c');
            }
            default -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = type.readInteger(storage, at[i]);
                }
                yield Nd4j.createFromArray(values).reshape(outShape);
            }
        };
    }

    /** Storage element of every output element, in row-major order (an odometer over the shape). */
    private static long[] storageIndices(long offset, long[] shape, long[] strides, int count) {
        long[] at = new long[count];
        long[] index = new long[shape.length];
        long position = offset;
        for (int i = 0; i < count; i++) {
            at[i] = position;
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d]++;
                position += strides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                position -= index[d] * strides[d];
                index[d] = 0;
            }
        }
        return at;
    }
}
