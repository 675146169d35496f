package io.trailsentry.testdata.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads the ADBench {@code .npz} sets: {@code X.npy} (rows x features) and {@code y.npy}. */
final class Npz {
    final double[][] x;
    final int[] y;

    private Npz(double[][] x, int[] y) {
        this.x = x;
        this.y = y;
    }

    static Npz read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Array xs = array(zip, "X.npy");
            Array ys = array(zip, "y.npy");
            int rows = xs.shape[0];
            int cols = xs.shape.length > 1 ? xs.shape[1] : 1;
            double[][] x = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = xs.fortran ? c * rows + r : r * cols + c;
                    x[r][c] = xs.get(i);
                }
            }
            int[] y = new int[ys.shape[0]];
            for (int i = 0; i < y.length; i++) {
                y[i] = (int) ys.get(i);
            }
            return new Npz(x, y);
        }
    }

    private static final class Array {
        String descr;
        boolean fortran;
        int[] shape;
        ByteBuffer data;

        double get(int i) {
            switch (descr) {
                case "<f8":
                    return data.getDouble(i * 8);
                case "<f4":
                    return data.getFloat(i * 4);
                case "<i8":
                    return data.getLong(i * 8);
                case "<i4":
                    return data.getInt(i * 4);
                case "<i2":
                    return data.getShort(i * 2);
                case "|u1":
                case "|i1":
                    return data.get(i);
                default:
                    throw new IllegalArgumentException("unsupported dtype " + descr);
            }
        }
    }

    private static Array array(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        try (InputStream in = zip.getInputStream(e)) {
            byte[] all = in.readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            int major = all[6];
            int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
            int start = major == 1 ? 10 : 12;
            String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
            Array a = new Array();
            a.descr = find(header, "'descr':\\s*'([^']+)'");
            a.fortran = find(header, "'fortran_order':\\s*(True|False)").equals("True");
            String[] dims = find(header, "'shape':\\s*\\(([^)]*)\\)").split(",");
            int n = 0;
            int[] shape = new int[dims.length];
            for (String d : dims) {
                if (!d.isBlank()) {
                    shape[n++] = Integer.parseInt(d.trim());
                }
            }
            a.shape = java.util.Arrays.copyOf(shape, n);
            a.data =
                    ByteBuffer.wrap(all, start + headerLen, all.length - start - headerLen)
                            .slice()
                            .order(ByteOrder.LITTLE_ENDIAN);
            return a;
        }
    }

    private static String find(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        if (!m.find()) {
            throw new IllegalArgumentException("bad npy header: " + s);
        }
        return m.group(1);
    }
}
