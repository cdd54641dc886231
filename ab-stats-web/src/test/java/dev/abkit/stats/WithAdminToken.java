package dev.abkit.stats;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;

import java.net.URL;

/** Requests that carry the tests' admin token, as a script (Bearer) and as a browser (Basic) sends it. */
final class WithAdminToken {

    private WithAdminToken() {
    }

    static MutableHttpRequest<Object> get(String path) {
        return HttpRequest.GET(path).bearerAuth(InMemoryCoreFactory.ADMIN_TOKEN);
    }

    /** An address with the token as the Basic password in it, which a browser sends as HTTP Basic. */
    static String browserAddress(URL server, String path) {
        return server.getProtocol() + "://analyst:" + InMemoryCoreFactory.ADMIN_TOKEN + "@" + server.getHost() + ":"
                + server.getPort() + path;
    }
}
