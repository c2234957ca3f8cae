package dev.fisengine.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for the {@code Authorization} header, as AWS services check it. With credentials configured
 * (access key id -> secret key), a request must be signed with one of them for service {@code fis}, within 15 minutes
 * of the server's clock. Without credentials, any well-formed {@code AWS4-HMAC-SHA256} header is accepted, as
 * emulators do, and so is a request without one.
 */
public final class SigV4Verifier {
    private static final Pattern AUTH = Pattern.compile("AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/"
            + "([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*SignedHeaders=([a-z0-9;!#$%&'*+.^_`|~-]+)\\s*,\\s*"
            + "Signature=([0-9a-f]{64})\\s*");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Duration SKEW = Duration.ofMinutes(15);

    /** Why a request was refused: the error code AWS uses and a message. */
    public record Failure(String code, String message) {}

    private final Map<String, String> secrets;
    private final Clock clock;

    /** @param secrets access key id -> secret access key; empty: accept any well-formed signature */
    public SigV4Verifier(Map<String, String> secrets, Clock clock) {
        this.secrets = Map.copyOf(secrets);
        this.clock = clock;
    }

    public boolean verifying() {
        return !secrets.isEmpty();
    }

    /** {@code null} when the request may proceed, otherwise why not. */
    public Failure verify(FisRestApi.Request r) {
        String auth = r.header("authorization");
        if (auth == null) {
            return verifying() ? new Failure("MissingAuthenticationTokenException", "Missing Authentication Token")
                    : null;
        }
        Matcher m = AUTH.matcher(auth);
        if (!m.matches()) {
            return new Failure("IncompleteSignatureException", "The Authorization header is not a well-formed "
                    + "AWS4-HMAC-SHA256 signature (Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=..., "
                    + "Signature=64 hex digits).");
        }
        if (!verifying()) {
            return null;
        }
        String keyId = m.group(1);
        String date = m.group(2);
        String region = m.group(3);
        String service = m.group(4);
        String signedHeaders = m.group(5);
        String signature = m.group(6);
        String secret = secrets.get(keyId);
        if (secret == null) {
            return new Failure("UnrecognizedClientException", "The security token included in the request is "
                    + "invalid.");
        }
        if (!service.equals("fis")) {
            return new Failure("InvalidSignatureException", "Credential should be scoped to correct service: 'fis'.");
        }
        String amzDate = r.header("x-amz-date");
        if (amzDate == null) {
            return new Failure("IncompleteSignatureException", "The request has no X-Amz-Date header.");
        }
        Instant at;
        try {
            at = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return new Failure("IncompleteSignatureException", "X-Amz-Date " + amzDate + " is not yyyyMMddTHHmmssZ.");
        }
        if (!amzDate.startsWith(date)) {
            return new Failure("InvalidSignatureException", "The credential date " + date + " is not the date of "
                    + "X-Amz-Date " + amzDate + ".");
        }
        Instant now = clock.instant();
        if (Duration.between(at, now).abs().compareTo(SKEW) > 0) {
            return new Failure("InvalidSignatureException", "Signature expired: " + amzDate + " is more than 15 "
                    + "minutes from the server's time " + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + ".");
        }
        List<String> headerNames = List.of(signedHeaders.split(";"));
        if (!headerNames.contains("host")) {
            return new Failure("InvalidSignatureException", "The host header must be signed.");
        }
        StringBuilder canonical = new StringBuilder();
        canonical.append(r.method()).append('\n');
        canonical.append(encode(r.rawPath() == null || r.rawPath().isEmpty() ? "/" : r.rawPath(), false)).append('\n');
        canonical.append(canonicalQuery(r.rawQuery())).append('\n');
        for (String h : headerNames) {
            List<String> values = r.headers().get(h);
            if (values == null) {
                return new Failure("InvalidSignatureException", "The signed header " + h + " is not in the request.");
            }
            List<String> trimmed = new ArrayList<>();
            for (String v : values) {
                trimmed.add(v.trim().replaceAll("\\s+", " "));
            }
            canonical.append(h).append(':').append(String.join(",", trimmed)).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n');
        String payloadHash = hex(sha256(r.body()));
        String declared = r.header("x-amz-content-sha256");
        if (declared != null && !declared.equals("UNSIGNED-PAYLOAD") && !declared.equals(payloadHash)) {
            return new Failure("InvalidSignatureException", "x-amz-content-sha256 does not match the body.");
        }
        canonical.append("UNSIGNED-PAYLOAD".equals(declared) ? declared : payloadHash);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, toSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return new Failure("InvalidSignatureException", "The request signature we calculated does not match "
                    + "the signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return null;
    }

    private static String canonicalQuery(String rawQuery) {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : Query.parse(rawQuery).entrySet()) {
            for (String v : e.getValue()) {
                sorted.computeIfAbsent(encode(e.getKey(), true), k -> new ArrayList<>()).add(encode(v, true));
            }
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, vs) -> vs.stream().sorted().forEach(v -> parts.add(k + "=" + v)));
        return String.join("&", parts);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters (and {@code /} unless {@code slash}). */
    static String encode(String s, boolean slash) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (c == '/' && !slash)) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
