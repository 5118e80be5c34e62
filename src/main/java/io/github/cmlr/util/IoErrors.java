package io.github.cmlr.util;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;

/** Turns an I/O exception into the words a user needs: the operating system's reason, never "null". */
public final class IoErrors {
    private IoErrors() {}

    public static String describe(IOException e) {
        Throwable t = e;
        // a wrapper that only repeats its cause (the prefetching reader re-throws on another thread)
        while (t.getCause() instanceof IOException c && (t.getMessage() == null || t.getMessage().equals(c.getMessage()))) t = c;
        if (t instanceof EOFException) {
            return "unexpected end of the compressed data: the file is truncated"
                    + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
        }
        if (t instanceof AccessDeniedException) return "permission denied";
        if (t instanceof NoSuchFileException) return "no such file or directory";
        if (t instanceof FileSystemException fse && fse.getReason() != null) return fse.getReason();
        if (t instanceof ZipException z) return "corrupt gzip data: " + (z.getMessage() == null ? "unreadable" : z.getMessage());
        String m = t.getMessage();
        return m != null && !m.isBlank() ? m : t.getClass().getSimpleName();
    }
}
