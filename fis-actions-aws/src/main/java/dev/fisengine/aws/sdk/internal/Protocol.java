package dev.fisengine.aws.sdk.internal;

import java.util.Locale;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The wire protocols of AWS services, as far as error responses differ. The SDK declares each client's protocol
 * ({@code SdkProtocolMetadata#serviceProtocol}); without it the request's headers decide: {@code smithy-protocol:
 * rpc-v2-cbor}, a {@code application/x-amz-cbor} or {@code application/x-amz-json} content type, a form-encoded body
 * ({@code query}, or {@code ec2} for EC2), else REST (XML for S3, JSON otherwise).
 */
enum Protocol {
    AWS_JSON, AWS_CBOR, RPC_V2_CBOR, REST_JSON, REST_XML, QUERY, EC2;

    static Protocol of(String serviceProtocol, SdkHttpRequest request, String serviceKey) {
        if (serviceProtocol != null) {
            switch (serviceProtocol) {
                case "json":
                    return AWS_JSON;
                case "cbor":
                    // Kinesis and the other AWS CBOR services speak plain awsJson when CBOR is turned off
                    // (aws.cborEnabled=false / CBOR_ENABLED=false): answer in the format the request was sent in
                    return request.firstMatchingHeader("Content-Type")
                            .filter(t -> t.toLowerCase(Locale.ROOT).startsWith("application/x-amz-json")).isPresent()
                            ? AWS_JSON : AWS_CBOR;
                case "smithy-rpc-v2-cbor":
                    return RPC_V2_CBOR;
                case "rest-json":
                    return REST_JSON;
                case "rest-xml":
                    return REST_XML;
                case "query":
                    return QUERY;
                case "ec2":
                    return EC2;
                default:
                    break;
            }
        }
        if (request.firstMatchingHeader("smithy-protocol").filter("rpc-v2-cbor"::equals).isPresent()) {
            return RPC_V2_CBOR;
        }
        String contentType = request.firstMatchingHeader("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/x-amz-cbor")) {
            return AWS_CBOR;
        }
        if (contentType.startsWith("application/x-amz-json")) {
            return AWS_JSON;
        }
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return "ec2".equals(serviceKey) ? EC2 : QUERY;
        }
        return isRestXmlService(serviceKey) ? REST_XML : REST_JSON;
    }

    private static boolean isRestXmlService(String serviceKey) {
        return switch (serviceKey == null ? "" : serviceKey) {
            case "s3", "s3-control", "cloudfront", "route53" -> true;
            default -> false;
        };
    }
}
