package org.i4tracker.telemetry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;

/**
 * The byte level of {@link SampleChunk}: unsigned varints (7 bits a byte, low group first), zigzag
 * varints for signed values, UTF-8 strings with their length, run-length columns and XOR-ed doubles.
 * The reader refuses anything past the end or out of bounds with an {@link IllegalArgumentException}
 * and reads no count larger than the bytes left, so a corrupt array never makes it allocate more
 * than the array's own length. Plain Java.
 */
final class ChunkBytes {

    private ChunkBytes() {
    }

    /** Writes a chunk. */
    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        byte[] toByteArray() {
            return bytes.toByteArray();
        }

        void raw(int b) {
            bytes.write(b);
        }

        void unsigned(long v) {
            while ((v & ~0x7FL) != 0) {
                bytes.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            bytes.write((int) v);
        }

        void signed(long v) {
            unsigned((v << 1) ^ (v >> 63));
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            unsigned(utf8.length);
            bytes.write(utf8, 0, utf8.length);
        }

        /** A header byte {@code 1 + 8 × leading zero bytes + trailing zero bytes} and the bytes between; 0 for zero. */
        void xor(long x) {
            if (x == 0) {
                bytes.write(0);
                return;
            }
            int lead = Long.numberOfLeadingZeros(x) / 8;
            int trail = Long.numberOfTrailingZeros(x) / 8;
            bytes.write(1 + lead * 8 + trail);
            for (int b = trail; b < 8 - lead; b++) {
                bytes.write((int) (x >>> (8 * b)));
            }
        }

        /** Runs of equal non-negative values as (value, length). */
        void runs(int n, IntToLongFunction value) {
            int i = 0;
            while (i < n) {
                long v = value.applyAsLong(i);
                int j = i + 1;
                while (j < n && value.applyAsLong(j) == v) {
                    j++;
                }
                unsigned(v);
                unsigned(j - i);
                i = j;
            }
        }

        /** Lengths of alternating true and false runs, true first (that run may be empty). */
        void presence(int n, IntPredicate present) {
            int i = 0;
            boolean expected = true;
            while (i < n) {
                boolean v = present.test(i);
                int j = i + 1;
                while (j < n && present.test(j) == v) {
                    j++;
                }
                if (v != expected) {
                    unsigned(0);
                }
                unsigned(j - i);
                expected = !v;
                i = j;
            }
        }

        /**
         * Signed values, as a list (flag 0) or as runs of (value, length) (flag 1), whichever is shorter:
         * deltas of regular timestamps, sequence numbers and idle counters are long runs.
         */
        void signedColumn(long[] values) {
            Out plain = new Out();
            for (long v : values) {
                plain.signed(v);
            }
            Out runs = new Out();
            int i = 0;
            while (i < values.length) {
                int j = i + 1;
                while (j < values.length && values[j] == values[i]) {
                    j++;
                }
                runs.signed(values[i]);
                runs.unsigned(j - i);
                i = j;
            }
            Out shorter = runs.bytes.size() < plain.bytes.size() ? runs : plain;
            bytes.write(shorter == runs ? 1 : 0);
            byte[] column = shorter.toByteArray();
            bytes.write(column, 0, column.length);
        }
    }

    /** Reads what {@link Out} wrote. */
    static final class In {
        private final byte[] bytes;
        private int pos;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - pos;
        }

        int nextByte() {
            if (pos >= bytes.length) {
                throw new IllegalArgumentException("corrupt chunk: ends too early");
            }
            return bytes[pos++] & 0xFF;
        }

        long unsigned() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = nextByte();
                if (shift == 63 && (b & 0x7E) != 0) {
                    break;
                }
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("corrupt chunk: varint too long");
        }

        long signed() {
            long v = unsigned();
            return (v >>> 1) ^ -(v & 1);
        }

        /** An unsigned value in 0..max. */
        long bounded(long max) {
            long v = unsigned();
            if (v < 0 || v > max) {
                throw new IllegalArgumentException("corrupt chunk: value " + v + " out of range");
            }
            return v;
        }

        /** A count of items each at least one byte long, so never more than the bytes left. */
        int count(int max) {
            long v = unsigned();
            if (v < 0 || v > Math.min(max, remaining())) {
                throw new IllegalArgumentException("corrupt chunk: count " + v + " out of range");
            }
            return (int) v;
        }

        String string() {
            int length = count(Integer.MAX_VALUE);
            String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        long xor() {
            int header = nextByte();
            if (header == 0) {
                return 0;
            }
            int lead = (header - 1) / 8;
            int trail = (header - 1) % 8;
            if (header > 64 || lead + trail > 7) {
                throw new IllegalArgumentException("corrupt chunk: bad double header");
            }
            long x = 0;
            for (int b = trail; b < 8 - lead; b++) {
                x |= (long) nextByte() << (8 * b);
            }
            return x;
        }

        /** A column of n values written by {@link Out#runs}, each in 0..max. */
        long[] runs(int n, long max) {
            return runs(n, () -> bounded(max));
        }

        /** n values as runs of (value, length), the value read by {@code value}. */
        private long[] runs(int n, LongSupplier value) {
            long[] values = new long[n];
            int i = 0;
            while (i < n) {
                long v = value.getAsLong();
                int length = (int) bounded(n - i);
                if (length == 0) {
                    throw new IllegalArgumentException("corrupt chunk: empty run");
                }
                Arrays.fill(values, i, i + length, v);
                i += length;
            }
            return values;
        }

        /** A column written by {@link Out#presence}. */
        boolean[] presence(int n) {
            boolean[] present = new boolean[n];
            int i = 0;
            boolean v = true;
            boolean first = true;
            while (i < n) {
                int length = (int) bounded(n - i);
                if (length == 0 && !first) {
                    throw new IllegalArgumentException("corrupt chunk: empty run");
                }
                Arrays.fill(present, i, i + length, v);
                i += length;
                v = !v;
                first = false;
            }
            return present;
        }

        /** A column of n values written by {@link Out#signedColumn}. */
        long[] signedColumn(int n) {
            int layout = nextByte();
            if (layout == 0) {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = signed();
                }
                return values;
            }
            if (layout != 1) {
                throw new IllegalArgumentException("corrupt chunk: unknown column layout " + layout);
            }
            return runs(n, this::signed);
        }
    }
}
