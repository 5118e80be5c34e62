package io.github.cmlr.gpu;

import java.io.IOException;
import java.io.InputStream;

/** The fatbin that the build compiled from {@code kernels/} with nvcc, as a classpath resource. */
public final class KernelImage {
    /** Classpath location of the fatbin. */
    public static final String RESOURCE = "/kernels/cmlr.fatbin";

    private KernelImage() {}

    /** The fatbin bytes, or null when the build had no nvcc ("kernels not built"). */
    public static byte[] load() {
        try (InputStream in = KernelImage.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    public static boolean present() {
        return KernelImage.class.getResource(RESOURCE) != null;
    }
}
