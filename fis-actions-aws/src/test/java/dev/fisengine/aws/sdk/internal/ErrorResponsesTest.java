package dev.fisengine.aws.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.fisengine.aws.sdk.ApiFault;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/** The wire format of synthetic error responses, parsed by independent parsers (Jackson JSON/CBOR, the JDK's DOM). */
class ErrorResponsesTest {
    private static final SdkHttpRequest JSON_11 = request(SdkHttpMethod.POST,
            Map.of("Content-Type", "application/x-amz-json-1.1"));

    @Test
    void awsJsonBodyAndHeaders() throws Exception {
        ErrorResponses.Synthetic r = ErrorResponses.build(ApiFault.throttle(), target("dynamodb", "DynamoDb", "json"),
                JSON_11);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers().get("Content-Type")).containsExactly("application/x-amz-json-1.1");
        assertThat(r.headers().get("x-amzn-ErrorType")).containsExactly("ThrottlingException");
        assertThat(r.headers().get("x-amzn-RequestId").get(0)).as("DynamoDB's request id format")
                .matches("[A-Z0-9]{52}");
        assertThat(r.headers().get("Content-Length")).containsExactly(Integer.toString(r.body().length));
        assertThat(r.headers().get("x-fisengine-fault")).containsExactly("throttle");
        assertThat(r.headers()).doesNotContainKey("x-amzn-query-error");
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.get("__type").asText()).isEqualTo("ThrottlingException");
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void queryCompatibleJsonServicesGetTheQueryErrorHeader() {
        SdkHttpRequest sqs = request(SdkHttpMethod.POST, Map.of("Content-Type", "application/x-amz-json-1.0",
                "x-amzn-query-mode", "true"));
        ErrorResponses.Synthetic r = ErrorResponses.build(ApiFault.internalError(), target("sqs", "Sqs", "json"), sqs);
        assertThat(r.headers().get("x-amzn-query-error")).containsExactly("InternalFailure;Receiver");
    }

    @Test
    void queryCompatibleServicesGetTheHeaderWithoutQueryModeAndTheirQueryCodes() {
        SdkHttpRequest plain = request(SdkHttpMethod.POST, Map.of("Content-Type", "application/x-amz-json-1.0"));
        assertThat(ErrorResponses.build(ApiFault.throttle(), target("sqs", "Sqs", "json"), plain).headers()
                .get("x-amzn-query-error")).containsExactly("RequestThrottled;Sender");
        ErrorResponses.Synthetic cw = ErrorResponses.build(ApiFault.internalError(),
                target("monitoring", "CloudWatch", "smithy-rpc-v2-cbor"), plain);
        assertThat(cw.headers().get("x-amzn-query-error")).containsExactly("InternalServiceError;Receiver");
        assertThat(ErrorResponses.build(ApiFault.throttle(), target("monitoring", "CloudWatch", "smithy-rpc-v2-cbor"),
                plain).headers().get("x-amzn-query-error")).containsExactly("Throttling;Sender");
        ErrorResponses.Synthetic custom = ErrorResponses.build(ApiFault.custom(400, "QueueDoesNotExist",
                "AWS.SimpleQueueService.NonExistentQueue", "gone"), target("sqs", "Sqs", "json"), plain);
        assertThat(custom.headers().get("x-amzn-query-error"))
                .containsExactly("AWS.SimpleQueueService.NonExistentQueue;Sender");
        assertThat(custom.headers().get("x-amzn-ErrorType")).containsExactly("QueueDoesNotExist");
        assertThat(ErrorResponses.build(ApiFault.throttle(), target("dynamodb", "DynamoDb", "json"), plain).headers())
                .doesNotContainKey("x-amzn-query-error");
    }

    @Test
    void queryAndRestXmlServicesThrottleWithThrottling() throws Exception {
        SdkHttpRequest form = request(SdkHttpMethod.POST,
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
        for (CallTarget t : List.of(target("sts", "Sts", "query"), target("email", "Ses", "query"),
                target("route53", "Route53", "rest-xml"), target("iam", "Iam", "query"))) {
            ErrorResponses.Synthetic r = ErrorResponses.build(ApiFault.throttle(), t, form);
            assertThat(r.status()).as(t.toString()).isEqualTo(400);
            Document d = xml(r.body());
            assertThat(text(d, "Type")).as(t.toString()).isEqualTo("Sender");
            assertThat(text(d, "Code")).as(t.toString()).isEqualTo("Throttling");
            assertThat(text(d, "Message")).as(t.toString()).isEqualTo("Rate exceeded");
        }
    }

    @Test
    void cborServicesWithCborTurnedOffGetJson() throws Exception {
        ErrorResponses.Synthetic r = ErrorResponses.build(ApiFault.throttle(), target("kinesis", "Kinesis", "cbor"),
                JSON_11);
        assertThat(r.headers().get("Content-Type")).containsExactly("application/x-amz-json-1.1");
        assertThat(new ObjectMapper().readTree(r.body()).get("__type").asText()).isEqualTo("ThrottlingException");
    }

    @Test
    void cborBodiesDecode() throws Exception {
        ErrorResponses.Synthetic kinesis = ErrorResponses.build(ApiFault.unavailable(),
                target("kinesis", "Kinesis", "cbor"), request(SdkHttpMethod.POST,
                        Map.of("Content-Type", "application/x-amz-cbor-1.1")));
        assertThat(kinesis.headers().get("Content-Type")).containsExactly("application/x-amz-cbor-1.1");
        JsonNode k = new CBORMapper().readTree(kinesis.body());
        assertThat(k.get("__type").asText()).isEqualTo("ServiceUnavailable");

        String longMessage = "x".repeat(300);
        ErrorResponses.Synthetic cw = ErrorResponses.build(ApiFault.custom(400, "LimitExceededFault", longMessage),
                target("monitoring", "CloudWatch", "smithy-rpc-v2-cbor"), JSON_11);
        assertThat(cw.headers().get("smithy-protocol")).containsExactly("rpc-v2-cbor");
        assertThat(cw.headers().get("Content-Type")).containsExactly("application/cbor");
        JsonNode c = new CBORMapper().readTree(cw.body());
        assertThat(c.get("__type").asText()).isEqualTo("LimitExceededFault");
        assertThat(c.get("message").asText()).isEqualTo(longMessage);
    }

    @Test
    void xmlProtocolsAreWellFormedAndEscaped() throws Exception {
        ApiFault fault = ApiFault.custom(400, "InvalidParameterValue", "a < b & \"c\"");
        Document query = xml(ErrorResponses.build(fault, target("sns", "Sns", "query"), JSON_11).body());
        assertThat(text(query, "Type")).isEqualTo("Sender");
        assertThat(text(query, "Code")).isEqualTo("InvalidParameterValue");
        assertThat(text(query, "Message")).isEqualTo("a < b & \"c\"");
        assertThat(query.getDocumentElement().getTagName()).isEqualTo("ErrorResponse");

        Document ec2 = xml(ErrorResponses.build(ApiFault.throttle(), target("ec2", "Ec2", "ec2"), JSON_11).body());
        assertThat(ec2.getDocumentElement().getTagName()).isEqualTo("Response");
        assertThat(text(ec2, "Code")).isEqualTo("RequestLimitExceeded");
        assertThat(text(ec2, "RequestID")).isNotBlank();

        ErrorResponses.Synthetic s3 = ErrorResponses.build(ApiFault.throttle(), target("s3", "S3", "rest-xml"),
                request(SdkHttpMethod.GET, Map.of()));
        Document doc = xml(s3.body());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("Error");
        assertThat(text(doc, "Code")).isEqualTo("SlowDown");
        assertThat(text(doc, "RequestId")).isEqualTo(s3.headers().get("x-amz-request-id").get(0));
        assertThat(s3.status()).isEqualTo(503);
    }

    @Test
    void s3HeadErrorsHaveNoBody() {
        ErrorResponses.Synthetic r = ErrorResponses.build(ApiFault.internalError(), target("s3", "S3", "rest-xml"),
                request(SdkHttpMethod.HEAD, Map.of()));
        assertThat(r.body()).isEmpty();
        assertThat(r.status()).isEqualTo(500);
    }

    @Test
    void restJsonCarriesTheErrorTypeHeader() throws Exception {
        ErrorResponses.Synthetic r = ErrorResponses.build(ApiFault.throttle(), target("lambda", "Lambda", "rest-json"),
                request(SdkHttpMethod.POST, Map.of()));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().get("x-amzn-ErrorType")).containsExactly("TooManyRequestsException");
        assertThat(new ObjectMapper().readTree(r.body()).get("Type").asText()).isEqualTo("User");
    }

    @Test
    void protocolFallsBackToRequestHeadersWhenTheSdkDoesNotDeclareIt() {
        assertThat(Protocol.of(null, request(SdkHttpMethod.POST, Map.of("smithy-protocol", "rpc-v2-cbor")), "x"))
                .isEqualTo(Protocol.RPC_V2_CBOR);
        assertThat(Protocol.of(null, request(SdkHttpMethod.POST,
                Map.of("Content-Type", "application/x-amz-cbor-1.1")), "kinesis")).isEqualTo(Protocol.AWS_CBOR);
        assertThat(Protocol.of(null, JSON_11, "dynamodb")).isEqualTo(Protocol.AWS_JSON);
        SdkHttpRequest form = request(SdkHttpMethod.POST,
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
        assertThat(Protocol.of(null, form, "ec2")).isEqualTo(Protocol.EC2);
        assertThat(Protocol.of(null, form, "sns")).isEqualTo(Protocol.QUERY);
        assertThat(Protocol.of(null, request(SdkHttpMethod.GET, Map.of()), "s3")).isEqualTo(Protocol.REST_XML);
        assertThat(Protocol.of(null, request(SdkHttpMethod.GET, Map.of()), "lambda")).isEqualTo(Protocol.REST_JSON);
    }

    @Test
    void unknownServicesGetFisDefaults() {
        ErrorResponses.Synthetic r = ErrorResponses.build(ApiFault.throttle(), target("ssm", "Ssm", "json"), JSON_11);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers().get("x-amzn-ErrorType")).containsExactly("ThrottlingException");
        assertThat(ErrorResponses.build(ApiFault.internalError(), target("ssm", "Ssm", "json"), JSON_11).status())
                .isEqualTo(500);
        assertThat(ErrorResponses.build(ApiFault.unavailable(), target("ssm", "Ssm", "json"), JSON_11).status())
                .isEqualTo(503);
    }

    private static CallTarget target(String prefix, String serviceName, String protocol) {
        return new CallTarget(new CallTarget.ServiceKeys(serviceName, prefix), "Op", protocol, null);
    }

    private static SdkHttpRequest request(SdkHttpMethod method, Map<String, String> headers) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(method).uri(URI.create("http://127.0.0.1/"));
        headers.forEach(b::putHeader);
        return b.build();
    }

    private static Document xml(byte[] body) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    private static String text(Document doc, String tag) {
        return doc.getElementsByTagName(tag).item(0).getTextContent();
    }
}
