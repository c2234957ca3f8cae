package dev.fisengine.aws.actions.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The operations of an AWS service as the SDK for Java v2 on the classpath knows them: read from the service's SDK jar
 * ({@code software.amazon.awssdk.services.<package>}: its model's request/response pairs whose method its sync client
 * interface declares), without loading classes. Used to warn about operation names a rule can never match. Empty
 * when the service's SDK module is not on the classpath (nothing can be said then). Results are cached per service.
 */
public final class SdkOperations {
    /** Service names whose SDK package differs (IAM/endpoint names to SDK packages). */
    private static final Map<String, List<String>> PACKAGES = Map.of(
            "monitoring", List.of("cloudwatch"),
            "email", List.of("ses", "sesv2"),
            "ses", List.of("ses", "sesv2"),
            "states", List.of("sfn"),
            "logs", List.of("cloudwatchlogs"),
            "events", List.of("eventbridge", "cloudwatchevents"),
            "elasticloadbalancing", List.of("elasticloadbalancingv2", "elasticloadbalancing"),
            "es", List.of("opensearch", "elasticsearch"));
    private static final Map<String, Optional<Set<String>>> CACHE = new ConcurrentHashMap<>();

    private SdkOperations() {}

    /** The operations of {@code service} (lower-case), or empty if no SDK client for it is on the classpath. */
    public static Optional<Set<String>> of(String service) {
        return CACHE.computeIfAbsent(service.toLowerCase(Locale.ROOT), SdkOperations::load);
    }

    private static Optional<Set<String>> load(String service) {
        Set<String> ops = new TreeSet<>();
        boolean found = false;
        for (String pkg : PACKAGES.getOrDefault(service, List.of(service.replace("-", "")))) {
            found |= scan(pkg, ops);
        }
        return found && !ops.isEmpty() ? Optional.of(Set.copyOf(ops)) : Optional.empty();
    }

    /**
     * Adds the operations of the SDK package {@code software.amazon.awssdk.services.<pkg>}: each {@code XRequest} /
     * {@code XResponse} pair of its model whose method {@code x} the package's sync client interface declares. Read
     * from the jar without loading any class (loading a large client's ~1,600 model classes takes seconds): the
     * method names are in the client interface's constant pool. Returns whether a client interface was found.
     */
    private static boolean scan(String pkg, Set<String> ops) {
        String dir = "software/amazon/awssdk/services/" + pkg + "/";
        String model = dir + "model/";
        ClassLoader loader = SdkOperations.class.getClassLoader();
        boolean found = false;
        try {
            Enumeration<URL> urls = loader.getResources(dir);
            while (urls.hasMoreElements()) {
                URLConnection connection = urls.nextElement().openConnection();
                if (!(connection instanceof JarURLConnection jar)) {
                    continue;
                }
                connection.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    Set<String> requests = new TreeSet<>();
                    Set<String> responses = new TreeSet<>();
                    List<JarEntry> clients = new ArrayList<>();
                    Enumeration<JarEntry> entries = file.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (name.startsWith(model) && name.indexOf('/', model.length()) < 0) {
                            String simple = name.substring(model.length());
                            if (simple.endsWith("Request.class")) {
                                requests.add(simple.substring(0, simple.length() - "Request.class".length()));
                            } else if (simple.endsWith("Response.class")) {
                                responses.add(simple.substring(0, simple.length() - "Response.class".length()));
                            }
                        } else if (name.startsWith(dir) && name.indexOf('/', dir.length()) < 0
                                && name.endsWith("Client.class") && !name.endsWith("AsyncClient.class")
                                && !name.substring(dir.length()).startsWith("Default")) {
                            clients.add(entry);
                        }
                    }
                    requests.retainAll(responses);
                    for (JarEntry client : clients) {
                        String pool;
                        try (var in = file.getInputStream(client)) {
                            pool = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        }
                        found = true;
                        for (String op : requests) {
                            String method = Character.toLowerCase(op.charAt(0)) + op.substring(1);
                            // a CONSTANT_Utf8 entry: tag 1, two length bytes, the name
                            if (pool.contains("\u0001" + (char) (method.length() >> 8) + (char) (method.length() & 0xff)
                                    + method)) {
                                ops.add(op);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return found; // nothing more can be said about this service
        }
        return found;
    }

    /**
     * The warning for {@code operations} of {@code service} that the SDK does not know, or empty if all are known (or
     * the service's SDK module is not on the classpath).
     */
    public static Optional<String> unknownOperationsWarning(String service, Set<String> operations) {
        Optional<Set<String>> known = of(service);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        List<String> unknown = operations.stream().filter(op -> !known.get().contains(op)).sorted().toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("operations ").append(String.join(", ", unknown)).append(" are not ")
                .append(service).append(" operations, so the fault can never hit them");
        for (String op : unknown) {
            List<String> near = known.get().stream().filter(k -> k.equalsIgnoreCase(op)
                    || distance(k.toLowerCase(Locale.ROOT), op.toLowerCase(Locale.ROOT)) <= 2).toList();
            if (!near.isEmpty()) {
                sb.append("; did you mean ").append(String.join(" or ", near)).append(" for ").append(op);
            }
        }
        Set<String> all = known.get();
        sb.append(". ").append(service).append(" has ").append(all.size()).append(" operations: ")
                .append(String.join(", ", new TreeSet<>(all).stream().limit(60).toList()))
                .append(all.size() <= 60 ? "" : ", ...");
        return Optional.of(sb.toString());
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
