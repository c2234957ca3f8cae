package dev.fisengine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.engine.Quotas;
import dev.fisengine.engine.plugins.Plugins;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.FisException;

/** SigV4: verified against configured credentials; without credentials any well-formed signature passes. */
class SignatureTest {
    @Test
    void withCredentialsOnlyCorrectSignaturesPass() throws Exception {
        try (ServerFixture fx = new ServerFixture(Plugins.discovered(), Quotas.defaults(),
                b -> b.credentials("AKIDFIS", "s3cr3t"))) {
            assertThat(fx.server.verifiesSignatures()).isTrue();
            try (FisClient good = fx.client("AKIDFIS", "s3cr3t")) {
                assertThat(good.getSafetyLever(r -> r.id("default")).safetyLever().id()).isEqualTo("default");
                // a path with percent-encoded characters and a query string: the canonical request must match
                assertThat(good.getAction(r -> r.id("aws:fis:wait")).action().id()).isEqualTo("aws:fis:wait");
                assertThat(good.listActions(r -> r.maxResults(2)).actions()).hasSize(2);
                good.createExperimentTemplate(FisClientTest.waitTemplate("signed body",
                        software.amazon.awssdk.services.fis.model.AccountTargeting.SINGLE_ACCOUNT));
            }
            try (FisClient wrongSecret = fx.client("AKIDFIS", "wrong")) {
                assertThatThrownBy(() -> wrongSecret.getSafetyLever(r -> r.id("default")))
                        .isInstanceOfSatisfying(FisException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        });
            }
            try (FisClient unknownKey = fx.client("AKIDOTHER", "s3cr3t")) {
                assertThatThrownBy(() -> unknownKey.getSafetyLever(r -> r.id("default")))
                        .isInstanceOfSatisfying(FisException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                                .isEqualTo("UnrecognizedClientException"));
            }
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(fx.endpoint() + "/safetyLevers/default")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.headers().firstValue("x-amzn-ErrorType"))
                    .hasValue("MissingAuthenticationTokenException");
        }
    }

    @Test
    void withoutCredentialsAnyWellFormedSignaturePassesButAMalformedOneDoesNot() throws Exception {
        try (ServerFixture fx = new ServerFixture()) {
            assertThat(fx.server.verifiesSignatures()).isFalse();
            try (FisClient any = fx.client("anything", "at-all")) {
                assertThat(any.getSafetyLever(r -> r.id("default")).safetyLever().id()).isEqualTo("default");
            }
            HttpResponse<String> malformed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(fx.endpoint() + "/safetyLevers/default")).header("Authorization", "Basic Zm9vOmJhcg==")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(malformed.statusCode()).isEqualTo(403);
            assertThat(malformed.headers().firstValue("x-amzn-ErrorType")).hasValue("IncompleteSignatureException");
        }
    }
}
