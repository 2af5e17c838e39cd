package org.dragnj.model.trunk.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dragnj.model.trunk.weights.TensorLayout.ElementType;
import org.nd4j.linalg.api.ndarray.INDArray;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a safetensors file (the format of timm and Hugging Face checkpoints): an unsigned 64-bit
 * little-endian header length N, N bytes of JSON mapping each tensor name to its dtype, shape and
 * [begin, end) byte range in the data that follows, and an optional {@code __metadata__} entry of
 * strings. Tensors are row-major and little-endian.
 */
final class SafetensorsReader {

    private static final String METADATA = "__metadata__";
    /** The reference implementation refuses larger headers too. */
    private static final long MAX_HEADER_BYTES = 100L << 20;

    private SafetensorsReader() {
    }

    static StateDict read(Path file) {
        String where = file.toAbsolutePath().toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
                throw new TrunkWeightsUnavailableException(where + ": safetensors header length " + headerLength
                        + " does not fit a file of " + size + " bytes (truncated or not safetensors)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            channel.read(headerBytes, 8);
            JsonNode header = new ObjectMapper().readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart, size - dataStart);
            data.order(ByteOrder.LITTLE_ENDIAN);
            Map<String, INDArray> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals(METADATA)) {
                    tensors.put(e.getKey(), tensor(e.getKey(), e.getValue(), data, where));
                }
            }
            if (tensors.isEmpty()) {
                throw new TrunkWeightsUnavailableException(where + " holds no tensors");
            }
            return new StateDict(where, StateDict.unwrap(tensors).entrySet().stream().collect(
                    LinkedHashMap::new, (m, e) -> m.put(e.getKey(), (INDArray) e.getValue()), Map::putAll));
        } catch (IOException | IllegalArgumentException e) {
            throw new TrunkWeightsUnavailableException("cannot read " + where + " as a safetensors file: "
                    + e.getMessage(), e);
        }
    }

    private static INDArray tensor(String name, JsonNode info, ByteBuffer data, String where) {
        ElementType type = elementType(info.path("dtype").asText(), name);
        JsonNode shapeNode = info.path("shape");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
        }
        long begin = info.path("data_offsets").path(0).asLong(-1);
        long end = info.path("data_offsets").path(1).asLong(-1);
        long bytes = TensorLayout.elementCount(shape) * type.bytes;
        if (begin < 0 || end - begin != bytes || end > data.capacity()) {
            throw new TrunkWeightsUnavailableException(where + ": tensor " + name + " of shape "
                    + java.util.Arrays.toString(shape) + " (" + bytes + " bytes) has data offsets [" + begin + ", " + end
                    + ") in " + data.capacity() + " bytes of data");
        }
        ByteBuffer slice = data.slice((int) begin, (int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        return TensorLayout.decode(slice, type, bytes / type.bytes, 0, shape, TensorLayout.contiguousStrides(shape));
    }

    private static ElementType elementType(String dtype, String name) {
        return switch (dtype) {
            case "F32" -> ElementType.FLOAT32;
            case "F64" -> ElementType.FLOAT64;
            case "F16" -> ElementType.FLOAT16;
            case "BF16" -> ElementType.BFLOAT16;
            case "I64" -> ElementType.INT64;
            case "I32" -> ElementType.INT32;
            case "I16" -> ElementType.INT16;
            case "I8" -> ElementType.INT8;
            case "U8" -> ElementType.UINT8;
            case "BOOL" -> ElementType.BOOL;
            default -> throw new IllegalArgumentException("tensor " + name + " has dtype " + dtype
                    + ", which is not read here (floating-point and integer tensors only)");
        };
    }
}
