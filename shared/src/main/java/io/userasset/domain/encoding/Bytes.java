package io.userasset.domain.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Varint (LEB128) and zigzag encoding for the compact profile format. */
public final class Bytes {
    private Bytes() {}

    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        public Writer u(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
            return this;
        }

        public Writer z(long value) {
            return u((value << 1) ^ (value >> 63));
        }

        public Writer fixed(long value) {
            for (int i = 0; i < 8; i++) out.write((int) (value >>> (8 * i)));
            return this;
        }

        public Writer raw(int b) {
            out.write(b);
            return this;
        }

        public Writer str(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            u(bytes.length);
            out.write(bytes, 0, bytes.length);
            return this;
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    public static final class Reader {
        private final byte[] data;
        private int pos;

        public Reader(byte[] data) {
            this.data = data;
        }

        public long u() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) return result;
            }
            throw new IllegalArgumentException("varint too long at byte " + pos);
        }

        public int ui() {
            return Math.toIntExact(u());
        }

        public long z() {
            long v = u();
            return (v >>> 1) ^ -(v & 1);
        }

        public long fixed() {
            long v = 0;
            for (int i = 0; i < 8; i++) v |= (long) (next() & 0xFF) << (8 * i);
            return v;
        }

        public int raw() {
            return next() & 0xFF;
        }

        public String str() {
            int length = ui();
            if (length < 0 || pos + length > data.length) throw new IllegalArgumentException("string overruns the data");
            String s = new String(data, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        public boolean atEnd() {
            return pos == data.length;
        }

        private byte next() {
            if (pos >= data.length) throw new IllegalArgumentException("profile data truncated at byte " + pos);
            return data[pos++];
        }
    }
}
