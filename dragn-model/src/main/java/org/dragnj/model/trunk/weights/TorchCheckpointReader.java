package org.dragnj.model.trunk.weights;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.dragnj.model.trunk.weights.TensorLayout.ElementType;
import org.nd4j.linalg.api.ndarray.INDArray;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDictConstructor;

/**
 * Reads a {@code torch.save} file in PyTorch's zip format (the default since 1.6): the pickle
 * {@code <archive>/data.pkl} describes the tensors, each a view (offset, shape, strides) of a storage
 * whose raw bytes are the entry {@code <archive>/data/<key>}. The pickle is read by Pyrolite
 * ({@code net.razorvine:pickle}), which knows Python's built-in types; the few torch names a
 * {@code state_dict} pickle refers to are resolved here, per reader, without registering anything
 * in Pyrolite's global constructor table.
 */
final class TorchCheckpointReader {

    /** A storage named in the pickle: its zip entry key and element type. */
    record StorageReference(String key, ElementType type) {
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)}, decoded on demand. */
    record TensorReference(StorageReference storage, long offset, long[] shape, long[] strides) {
    }

    private static final Map<String, ElementType> STORAGE_TYPES = Map.of(
            "FloatStorage", ElementType.FLOAT32, "DoubleStorage", ElementType.FLOAT64,
            "HalfStorage", ElementType.FLOAT16, "BFloat16Storage", ElementType.BFLOAT16,
            "LongStorage", ElementType.INT64, "IntStorage", ElementType.INT32, "ShortStorage", ElementType.INT16,
            "CharStorage", ElementType.INT8, "ByteStorage", ElementType.UINT8, "BoolStorage", ElementType.BOOL);

    private TorchCheckpointReader() {
    }

    static StateDict read(Path file) {
        String where = file.toAbsolutePath().toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle = zip.stream().filter(e -> e.getName().endsWith("data.pkl")).findFirst()
                    .orElseThrow(() -> new TrunkWeightsUnavailableException(where + " has no data.pkl entry"));
            String archive = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            ByteOrder order = byteOrder(zip, archive);
            Object root;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(pickle))) {
                root = new StateDictUnpickler().load(in);
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new TrunkWeightsUnavailableException(where + " holds a pickled "
                        + (root == null ? "None" : root.getClass().getSimpleName()) + ", not a state dict; save the"
                        + " weights with torch.save(model.state_dict(), file)");
            }
            Map<String, INDArray> tensors = new LinkedHashMap<>();
            Map<String, ByteBuffer> storages = new HashMap<>();
            for (Map.Entry<String, Object> e : StateDict.unwrap(map).entrySet()) {
                if (e.getValue() instanceof TensorReference t) {
                    ByteBuffer bytes = storages.computeIfAbsent(t.storage().key(),
                            key -> storageBytes(zip, archive, key, order, where));
                    long elements = bytes.capacity() / t.storage().type().bytes;
                    tensors.put(e.getKey(), TensorLayout.decode(bytes, t.storage().type(), elements, t.offset(),
                            t.shape(), t.strides()));
                }
            }
            if (tensors.isEmpty()) {
                throw new TrunkWeightsUnavailableException(where + " holds no tensors (top-level entries: "
                        + map.keySet() + ")");
            }
            return new StateDict(where, tensors);
        } catch (IOException | PickleException | IllegalArgumentException | ClassCastException e) {
            throw new TrunkWeightsUnavailableException("cannot read " + where + " as a PyTorch state dict: "
                    + e.getMessage(), e);
        }
    }

    private static ByteOrder byteOrder(ZipFile zip, String archive) throws IOException {
        ZipEntry entry = zip.getEntry(archive + "byteorder");
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().equals("big")
                    ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
    }

    private static ByteBuffer storageBytes(ZipFile zip, String archive, String key, ByteOrder order, String where) {
        ZipEntry entry = zip.getEntry(archive + "data/" + key);
        if (entry == null) {
            throw new TrunkWeightsUnavailableException(where + " names storage " + key + " but has no entry "
                    + archive + "data/" + key + " (truncated file?)");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return ByteBuffer.wrap(in.readAllBytes()).order(order);
        } catch (IOException e) {
            throw new TrunkWeightsUnavailableException("cannot read storage " + key + " of " + where + ": " + e, e);
        }
    }

    /** Resolves the torch globals of a state dict pickle; anything else goes to Pyrolite's defaults. */
    private static final class StateDictUnpickler extends Unpickler {

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            if (key == Opcodes.GLOBAL) {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.STACK_GLOBAL) {
                String name = (String) stack.pop();
                String module = (String) stack.pop();
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            return super.dispatch(key);
        }

        private static IObjectConstructor resolve(String module, String name) {
            if (module.equals("torch._utils") && name.equals("_rebuild_tensor_v2")) {
                return StateDictUnpickler::rebuildTensor;
            }
            if (module.equals("torch._utils") && name.equals("_rebuild_parameter")) {
                return args -> args[0];
            }
            if (module.equals("torch") && name.endsWith("Storage")) {
                ElementType type = STORAGE_TYPES.get(name);
                if (type == null) {
                    throw new PickleException("tensors of torch." + name + " are not supported (only real"
                            + " floating-point and integer tensors)");
                }
                return new StorageType(type);
            }
            if (module.equals("collections") && name.equals("OrderedDict")) {
                return args -> new PythonDict();
            }
            IObjectConstructor builtin = objectConstructors.get(module + "." + name);
            return builtin != null ? builtin : new ClassDictConstructor(module, name);
        }

        private static Object rebuildTensor(Object[] args) {
            if (!(args[0] instanceof StorageReference storage)) {
                throw new PickleException("a tensor whose storage is " + args[0]);
            }
            return new TensorReference(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
        }

        private static long[] longs(Object tuple) {
            Object[] items = (Object[]) tuple;
            long[] out = new long[items.length];
            for (int i = 0; i < items.length; i++) {
                out[i] = ((Number) items[i]).longValue();
            }
            return out;
        }

        /** A persistent id is ('storage', storage type, key, location, element count). */
        @Override
        protected Object persistentLoad(Object pid) {
            if (pid instanceof Object[] id && id.length >= 3 && "storage".equals(id[0])
                    && id[1] instanceof StorageType type) {
                return new StorageReference(String.valueOf(id[2]), type.elements());
            }
            throw new PickleException("unknown persistent id " + java.util.Arrays.deepToString(
                    pid instanceof Object[] a ? a : new Object[] {pid}));
        }
    }

    /** The class object {@code torch.FloatStorage} and friends, as the pickle mentions them. */
    private record StorageType(ElementType elements) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("storages are only referenced by persistent id in a state dict");
        }
    }

    /**
     * {@code collections.OrderedDict}: keeps the file's order; a state dict's {@code _metadata}
     * attribute (module versions) arrives through {@code __setstate__} and is not needed.
     */
    public static final class PythonDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        public void __setstate__(HashMap<?, ?> state) {
            // attributes of the dict object, not entries
        }
    }

}
