package dev.fisengine.aws.infra.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback EKS server speaking EKS's real wire protocol (REST-JSON): {@code GET /clusters} (ListClusters),
 * {@code GET /clusters/{name}/node-groups} (ListNodegroups) and {@code GET /clusters/{name}/node-groups/{nodegroupName}}
 * (DescribeNodegroup), with EKS's response shapes and its {@code ResourceNotFoundException} (HTTP 404,
 * {@code x-amzn-ErrorType} header, {@code message}/{@code clusterName}/{@code nodegroupName} body). moto_server 5.2.1
 * has EKS node groups but no Auto Scaling groups or instances behind them; here a node group's
 * {@code resources.autoScalingGroups} names a real Auto Scaling group in moto. The List operations page by
 * {@code maxResults}/{@code nextToken}. Records every request (method and path, without the query).
 */
public final class EksLoopback implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";

    /** Request lines, e.g. {@code GET /clusters/c/node-groups/ng}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** cluster name → node group name → node group (EKS's {@code Nodegroup} shape). */
    private final Map<String, Map<String, ObjectNode>> clusters = new ConcurrentSkipListMap<>();
    private final HttpServer server;

    public EksLoopback() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds an ACTIVE managed node group of {@code cluster} backed by the Auto Scaling group {@code asgName}; its ARN. */
    public String addNodegroup(String cluster, String name, String asgName, int size, Map<String, String> tags) {
        String arn = "arn:aws:eks:us-east-1:" + ACCOUNT + ":nodegroup/" + cluster + "/" + name + "/"
                + UUID.nameUUIDFromBytes((cluster + "/" + name).getBytes(StandardCharsets.UTF_8));
        ObjectNode n = JSON.createObjectNode();
        n.put("nodegroupName", name).put("nodegroupArn", arn).put("clusterName", cluster).put("version", "1.31")
                .put("releaseVersion", "1.31.0-20241109").put("createdAt", 1.7e9).put("modifiedAt", 1.7e9)
                .put("status", "ACTIVE").put("capacityType", "ON_DEMAND").put("amiType", "AL2023_x86_64_STANDARD")
                .put("nodeRole", "arn:aws:iam::" + ACCOUNT + ":role/eks-nodes").put("diskSize", 20);
        n.putObject("scalingConfig").put("minSize", size).put("maxSize", size).put("desiredSize", size);
        n.putArray("instanceTypes").add("t3.medium");
        n.putArray("subnets").add("subnet-0123456789abcdef0");
        n.putObject("labels");
        ObjectNode resources = n.putObject("resources");
        resources.putArray("autoScalingGroups").addObject().put("name", asgName);
        n.putObject("health").putArray("issues");
        n.putObject("updateConfig").put("maxUnavailable", 1);
        ObjectNode t = n.putObject("tags");
        tags.forEach(t::put);
        clusters.computeIfAbsent(cluster, k -> new ConcurrentSkipListMap<>()).put(name, n);
        return arn;
    }

    /** Deletes a node group (as {@code DeleteNodegroup} would, once done). */
    public void removeNodegroup(String cluster, String name) {
        clusters.getOrDefault(cluster, Map.of()).remove(name);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        calls.add(method + " " + path);
        String[] parts = path.substring(1).split("/");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
        }
        ObjectNode out = JSON.createObjectNode();
        String error = null;
        int code = 200;
        boolean nodegroups = parts.length >= 3 && parts.length <= 4 && parts[2].equals("node-groups");
        if (!method.equals("GET") || !parts[0].equals("clusters") || !(parts.length == 1 || nodegroups)) {
            code = 400;
            error = "InvalidRequestException";
            out.put("message", "EksLoopback does not implement " + method + " " + path);
        } else if (parts.length == 1) {
            page(out, "clusters", List.copyOf(clusters.keySet()), exchange.getRequestURI().getRawQuery());
        } else if (!clusters.containsKey(parts[1])) {
            code = 404;
            error = "ResourceNotFoundException";
            out.put("clusterName", parts[1]).putNull("nodegroupName").putNull("fargateProfileName")
                    .putNull("addonName").put("message", "No cluster found for name: " + parts[1] + ".");
        } else if (parts.length == 3) {
            page(out, "nodegroups", List.copyOf(clusters.get(parts[1]).keySet()),
                    exchange.getRequestURI().getRawQuery());
        } else {
            ObjectNode group = clusters.get(parts[1]).get(parts[3]);
            if (group == null) {
                code = 404;
                error = "ResourceNotFoundException";
                out.put("clusterName", parts[1]).put("nodegroupName", parts[3]).putNull("fargateProfileName")
                        .putNull("addonName").put("message", "No node group found for name: " + parts[3] + ".");
            } else {
                out.set("nodegroup", group);
            }
        }
        byte[] bytes = JSON.writeValueAsBytes(out);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (error != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", error);
        }
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /**
     * One page of {@code names} under {@code key}, as EKS's List operations: {@code maxResults} (1–100, default 100)
     * names from {@code nextToken} (here the index of the first), and the next page's token or {@code null}.
     */
    private static void page(ObjectNode out, String key, List<String> names, String query) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String p : query == null ? new String[0] : query.split("&")) {
            int eq = p.indexOf('=');
            params.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
        int max = Integer.parseInt(params.getOrDefault("maxResults", "100"));
        int from = Integer.parseInt(params.getOrDefault("nextToken", "0"));
        int to = Math.min(names.size(), from + max);
        out.putArray(key).addAll(names.subList(from, to).stream().map(JSON.getNodeFactory()::textNode).toList());
        if (to < names.size()) {
            out.put("nextToken", Integer.toString(to));
        } else {
            out.putNull("nextToken");
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
