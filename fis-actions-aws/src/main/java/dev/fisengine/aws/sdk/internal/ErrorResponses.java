package dev.fisengine.aws.sdk.internal;

import dev.fisengine.aws.sdk.ApiFault;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Builds the HTTP error response a service sends, in the client's own protocol, so that the SDK's own unmarshaller
 * produces the modeled exception, error code and status:
 * <ul>
 *   <li>awsJson: {@code {"__type":code,"message":...}}, the request's {@code application/x-amz-json-1.x} type;</li>
 *   <li>AWS CBOR (Kinesis) and rpcv2Cbor (CloudWatch): the same map in CBOR, {@code application/x-amz-cbor-1.1}
 *       or {@code application/cbor} with {@code smithy-protocol: rpc-v2-cbor};</li>
 *   <li>restJson: {@code x-amzn-ErrorType: code}, body {@code {"Type":"User|Service","message":...}};</li>
 *   <li>restXml: S3's {@code <Error><Code/><Message/><RequestId/><HostId/></Error>} (no body for HEAD), other
 *       services' {@code <ErrorResponse>};</li>
 *   <li>query: {@code <ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/>};</li>
 *   <li>ec2: {@code <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>}.</li>
 * </ul>
 * JSON and CBOR services that are "query compatible" (SQS, CloudWatch: AWS sends the header on every error response of
 * a service with the trait; also whenever the request carries {@code x-amzn-query-mode: true}) also get
 * {@code x-amzn-query-error: queryCode;Sender|Receiver}. Every response carries a
 * fresh request id, a {@code Date}, and {@code x-fisengine-fault} naming the injected fault.
 */
final class ErrorResponses {
    /** The response header that marks a response as injected. */
    static final String FAULT_HEADER = "x-fisengine-fault";

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US);

    private ErrorResponses() {}

    /** A synthetic HTTP response. */
    record Synthetic(int status, String statusText, Map<String, List<String>> headers, byte[] body) {}

    /** The response for an error fault ({@link ApiFault.Kind#THROTTLE}, ..., {@link ApiFault.Kind#CUSTOM}). */
    static Synthetic build(ApiFault fault, CallTarget target, SdkHttpRequest request) {
        Protocol protocol = Protocol.of(target.serviceProtocol, request, target.service());
        boolean cached = !(fault instanceof ApiFault.Custom); // the built-in errors are constants: bodies cached
        ServiceErrors.ServiceError error = fault instanceof ApiFault.Custom c
                ? new ServiceErrors.ServiceError(c.statusCode(), c.errorCode(),
                        c.queryErrorCode() == null ? c.errorCode() : c.queryErrorCode(), c.message())
                : ServiceErrors.of(target.serviceKey, target.altServiceKey, fault.kind(), protocol);
        boolean queryCompatible = ServiceErrors.queryCompatible(target.serviceKey, target.altServiceKey)
                || request.firstMatchingHeader("x-amzn-query-mode").filter("true"::equalsIgnoreCase).isPresent();
        String requestId = "dynamodb".equals(target.serviceKey) ? dynamoDbRequestId() : requestId();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        byte[] body;
        String contentType;
        switch (protocol) {
            case AWS_JSON -> {
                contentType = request.firstMatchingHeader("Content-Type")
                        .filter(t -> t.startsWith("application/x-amz-json")).orElse("application/x-amz-json-1.0");
                headers.put("x-amzn-RequestId", List.of(requestId));
                headers.put("x-amzn-ErrorType", List.of(error.code()));
                queryCompatible(headers, queryCompatible, error);
                body = cached ? JSON_BODIES.computeIfAbsent(error, ErrorResponses::awsJsonBody) : awsJsonBody(error);
            }
            case AWS_CBOR -> {
                contentType = "application/x-amz-cbor-1.1";
                headers.put("x-amzn-RequestId", List.of(requestId));
                headers.put("x-amzn-ErrorType", List.of(error.code()));
                body = cached ? CBOR_BODIES.computeIfAbsent(error, ErrorResponses::cborBody) : cborBody(error);
            }
            case RPC_V2_CBOR -> {
                contentType = "application/cbor";
                headers.put("smithy-protocol", List.of("rpc-v2-cbor"));
                headers.put("x-amzn-RequestId", List.of(requestId));
                queryCompatible(headers, queryCompatible, error);
                body = cached ? CBOR_BODIES.computeIfAbsent(error, ErrorResponses::cborBody) : cborBody(error);
            }
            case REST_JSON -> {
                contentType = "application/json";
                headers.put("x-amzn-RequestId", List.of(requestId));
                headers.put("x-amzn-ErrorType", List.of(error.code()));
                body = ("{\"Type\":\"" + (error.senderFault() ? "User" : "Service") + "\",\"message\":\""
                        + json(error.message()) + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            case REST_XML -> {
                contentType = "application/xml";
                if (isS3(target)) {
                    headers.put("x-amz-request-id", List.of(requestId.replace("-", "").substring(0, 16)
                            .toUpperCase(Locale.ROOT)));
                    headers.put("x-amz-id-2", List.of(hostId()));
                    body = request.method() == SdkHttpMethod.HEAD ? new byte[0]
                            : xmlDocument("<Error><Code>" + xml(error.code()) + "</Code><Message>" + xml(error.message())
                                    + "</Message><RequestId>" + headers.get("x-amz-request-id").get(0)
                                    + "</RequestId><HostId>" + headers.get("x-amz-id-2").get(0)
                                    + "</HostId></Error>");
                } else {
                    headers.put("x-amzn-RequestId", List.of(requestId));
                    body = xmlDocument(errorResponse(error, requestId));
                }
            }
            case QUERY -> {
                contentType = "text/xml";
                headers.put("x-amzn-RequestId", List.of(requestId));
                body = xmlDocument(errorResponse(error, requestId));
            }
            case EC2 -> {
                contentType = "text/xml;charset=UTF-8";
                body = xmlDocument("<Response><Errors><Error><Code>" + xml(error.code()) + "</Code><Message>"
                        + xml(error.message()) + "</Message></Error></Errors><RequestID>" + requestId
                        + "</RequestID></Response>");
            }
            default -> throw new IllegalStateException("unknown protocol " + protocol);
        }
        headers.put("Content-Type", List.of(contentType));
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        headers.put("Date", List.of(httpDate()));
        headers.put(FAULT_HEADER, List.of(faultName(fault)));
        return new Synthetic(error.status(), statusText(error.status()), headers, body);
    }

    /**
     * The JSON and CBOR bodies of the built-in errors (a few dozen constants, keyed by the error record), which
     * carry no request id: built once, shared read-only (the SDK only reads response bodies).
     */
    private static final Map<ServiceErrors.ServiceError, byte[]> JSON_BODIES = new ConcurrentHashMap<>();
    private static final Map<ServiceErrors.ServiceError, byte[]> CBOR_BODIES = new ConcurrentHashMap<>();

    /** The {@code Date} header of the current second, formatted once per second. */
    private record DateStamp(long second, String text) {}

    private static volatile DateStamp date = new DateStamp(-1, "");

    static String httpDate() {
        long second = System.currentTimeMillis() / 1000;
        DateStamp d = date;
        if (d.second() != second) {
            d = new DateStamp(second, HTTP_DATE.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(second),
                    ZoneOffset.UTC)));
            date = d;
        }
        return d.text();
    }

    private static byte[] awsJsonBody(ServiceErrors.ServiceError error) {
        return ("{\"__type\":\"" + json(error.code()) + "\",\"message\":\"" + json(error.message()) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cborBody(ServiceErrors.ServiceError error) {
        return Cbor.textMap(cborError(error));
    }

    private static Map<String, String> cborError(ServiceErrors.ServiceError error) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("__type", error.code());
        m.put("message", error.message());
        return m;
    }

    private static void queryCompatible(Map<String, List<String>> headers, boolean queryCompatible,
                                        ServiceErrors.ServiceError error) {
        if (queryCompatible) {
            headers.put("x-amzn-query-error", List.of(error.queryCode() + ";" + (error.senderFault() ? "Sender"
                    : "Receiver")));
        }
    }

    private static boolean isS3(CallTarget target) {
        return "s3".equals(target.serviceKey) || "s3".equals(target.altServiceKey);
    }

    private static String errorResponse(ServiceErrors.ServiceError error, String requestId) {
        return "<ErrorResponse><Error><Type>" + (error.senderFault() ? "Sender" : "Receiver") + "</Type><Code>"
                + xml(error.queryCode()) + "</Code><Message>" + xml(error.message()) + "</Message></Error><RequestId>"
                + requestId + "</RequestId></ErrorResponse>";
    }

    /** The name {@code x-fisengine-fault} reports, e.g. {@code throttle}. */
    static String faultName(ApiFault fault) {
        return fault.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static byte[] xmlDocument(String document) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document).getBytes(StandardCharsets.UTF_8);
    }

    private static String xml(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String json(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** DynamoDB's request ids: 52 upper-case letters and digits (e.g. 8PAL3O13K8COBSMD1PCTEFC7K7VV4KQNSO5AEMVJF66Q9ASUAAJG). */
    private static String dynamoDbRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] id = new char[52];
        for (int i = 0; i < id.length; i++) {
            id[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(r.nextInt(36));
        }
        return new String(id);
    }

    /** S3's x-amz-id-2: 80 random bytes in base64 (108 characters), as S3 sends it. */
    private static String hostId() {
        byte[] b = new byte[80];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    static String statusText(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
