package io.tendril.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes at most {@code limit} bytes through and fails when the stream contains more. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    private void counted(long read) throws LimitExceededException {
        count += read;
        if (count > limit) {
            throw new LimitExceededException();
        }
    }

    /** The stream contains more bytes than the limit. */
    static final class LimitExceededException extends IOException {
        LimitExceededException() {
            super("more bytes than the limit");
        }
    }
}
