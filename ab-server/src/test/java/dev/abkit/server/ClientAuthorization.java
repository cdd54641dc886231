package dev.abkit.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What both clients send for {@code Authorization: Basic user password}: the two words encoded as HTTP Basic
 * credentials ({@code base64(user:password)}). Any other header goes out as written.
 */
final class ClientAuthorization {

    private ClientAuthorization() {
    }

    static String asSent(String header, String value) {
        String[] words = value.trim().split("\\s+");
        if (!header.equalsIgnoreCase("Authorization") || words.length != 3 || !words[0].equalsIgnoreCase("Basic")) {
            return value;
        }
        String credentials = words[1] + ":" + words[2];
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
