package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim, not ND4J code. DL4J 1.0.0-M2.1's {@code BaseMKLDNNHelper.mklDnnEnabled()}
 * asks, by reflection, {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}:
 * a class that M2.1 no longer ships (the binding moved to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment}, method {@code isUseONEDNN()}).
 * The reflection fails, the check answers false, and DL4J never uses its oneDNN layer helpers. This
 * class restores the name DL4J looks for and forwards to the real binding, so the answer is the
 * native library's own. See {@code org.dragnj.platform.Backend}.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** Forwards to the native environment of the nd4j-native backend. */
    public static final class Environment {

        private static final String REAL = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** True when the loaded native library was built with oneDNN and uses it. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> real = Class.forName(REAL);
                Object env = real.getMethod("getInstance").invoke(null);
                Method m = real.getMethod("isUseONEDNN");
                return (boolean) m.invoke(env);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false; // not the CPU backend, or a build without the binding
            }
        }
    }
}
