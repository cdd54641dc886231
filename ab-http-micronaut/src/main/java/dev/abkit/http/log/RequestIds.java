package dev.abkit.http.log;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: a caller's own is kept if it is 1-64 characters of letters, digits and {@code -_.:}
 * (safe in a log line and a header); anything else is replaced by a new one, 16 random hex digits.
 * {@link ThreadLocalRandom}, not {@code UUID.randomUUID()}: an id needs to be unique, not unguessable,
 * and SecureRandom would cost more than the mobile answer itself.
 */
final class RequestIds {

    static final int MAX_LENGTH = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** {@code offered} if it is a usable id, else a new one. */
    static String keptOrNew(String offered) {
        return isUsable(offered) ? offered : next();
    }

    static boolean isUsable(String offered) {
        if (offered == null || offered.isEmpty() || offered.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < offered.length(); i++) {
            char c = offered.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    static String next() {
        long random = ThreadLocalRandom.current().nextLong();
        char[] id = new char[16];
        for (int i = id.length - 1; i >= 0; i--, random >>>= 4) {
            id[i] = HEX[(int) (random & 0xF)];
        }
        return new String(id);
    }
}
