package dev.abkit.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .http} file read as the IntelliJ HTTP client and VS Code's REST Client read it: requests separated by
 * {@code ###} lines; in each, comment lines ({@code #}, {@code //}) and {@code @name = value} variables, then
 * {@code METHOD URL [HTTP/1.1]}, header lines, a blank line and the body. Our own addition, a comment both clients
 * ignore: {@code # expect: 201}, the status the request must get.
 */
record HttpFile(String name, Map<String, String> variables, List<HttpFileRequest> requests) {

    private static final Pattern VARIABLE = Pattern.compile("@([\\w.-]+)\\s*=\\s*(.*)");
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(\\d{3})\\s*");
    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]+)\\s+(\\S+)(\\s+HTTP/[\\d.]+)?\\s*");
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~\\w-]+):\\s*(.*)");

    HttpFile {
        variables = Map.copyOf(variables);
        requests = List.copyOf(requests);
    }

    static HttpFile parse(String name, String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        List<HttpFileRequest> requests = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            if (i == lines.length || lines[i].startsWith("###")) {
                new Block(name, lines, start, i).read(variables).ifPresent(requests::add);
                start = i + 1;
            }
        }
        return new HttpFile(name, variables, requests);
    }

    /** Every request with its variables resolved, the environment's values winning over the file's. */
    List<HttpFileRequest> requestsIn(Map<String, String> environment) {
        Variables resolver = Variables.of(variables, environment);
        return requests.stream().map(request -> request.resolvedWith(resolver)).toList();
    }

    /** The lines between two {@code ###} separators. */
    private record Block(String file, String[] lines, int from, int to) {

        Optional<HttpFileRequest> read(Map<String, String> variables) {
            Integer expected = null;
            int i = from;
            for (; i < to; i++) {
                String line = lines[i].strip();
                Matcher expect = EXPECT.matcher(line);
                Matcher variable = VARIABLE.matcher(line);
                if (expect.matches()) {
                    expected = Integer.valueOf(expect.group(1));
                } else if (variable.matches()) {
                    variables.put(variable.group(1), variable.group(2).strip());
                } else if (!line.isEmpty() && !isComment(line)) {
                    break;
                }
            }
            if (i == to) {
                return Optional.empty();
            }
            Matcher requestLine = REQUEST_LINE.matcher(lines[i].strip());
            String source = file + ":" + (i + 1);
            if (!requestLine.matches()) {
                throw new IllegalArgumentException(source + ": not a request line 'METHOD URL [HTTP/1.1]': " + lines[i]);
            }
            if (expected == null) {
                throw new IllegalArgumentException(source + ": no '# expect: <status>' line above the request");
            }
            List<HttpFileRequest.Header> headers = new ArrayList<>();
            for (i++; i < to && !lines[i].isBlank(); i++) {
                String line = lines[i].strip();
                Matcher header = HEADER.matcher(line);
                if (header.matches()) {
                    headers.add(new HttpFileRequest.Header(header.group(1), header.group(2).strip()));
                } else if (!isComment(line)) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a header line 'Name: value': " + line);
                }
            }
            String body = String.join("\n", Arrays.asList(lines).subList(Math.min(i + 1, to), to)).strip();
            return Optional.of(new HttpFileRequest(source, requestLine.group(1), requestLine.group(2), headers, body, expected));
        }

        private static boolean isComment(String line) {
            return line.startsWith("#") || line.startsWith("//");
        }
    }
}
