package dev.fisengine.aws.sdk.internal;

import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Recognises attempts that no fault may hit: those whose {@code User-Agent} carries the token {@value #API_NAME}.
 * The SDK renders a request's {@code ApiName}s ({@code RequestOverrideConfiguration.addApiName}) and a client's
 * {@code USER_AGENT_PREFIX} / {@code USER_AGENT_SUFFIX} into that header, so a client marks itself, or single
 * requests, without depending on this module. The stop conditions' own CloudWatch clients carry it, so an
 * experiment that throttles {@code cloudwatch} does not blind itself.
 *
 * <p>Consulted only on the armed path, after a lookup found rules for the attempt's service and operation, and
 * before any rule decides (so exempt attempts are not counted as matched): the idle path and attempts no rule
 * matches never look at the header.
 */
public final class Exemption {
    /** The token, written {@code fisengine-exempt/<version>} as an {@code ApiName}. */
    public static final String API_NAME = "fisengine-exempt";

    private static final String USER_AGENT = "User-Agent";

    private Exemption() {}

    /** Whether {@code request}'s {@code User-Agent} carries the token as a word of its own. */
    public static boolean isExempt(SdkHttpRequest request) {
        if (request == null) {
            return false;
        }
        String ua = request.firstMatchingHeader(USER_AGENT).orElse(null);
        return ua != null && hasToken(ua);
    }

    /**
     * Whether {@code userAgent} contains {@value #API_NAME} at the start or after a space, followed by the end, a
     * space or {@code /} (the version), so that e.g. {@code my-fisengine-exempt-lib/2} does not count.
     */
    static boolean hasToken(String userAgent) {
        int from = 0;
        while (true) {
            int at = userAgent.indexOf(API_NAME, from);
            if (at < 0) {
                return false;
            }
            int end = at + API_NAME.length();
            boolean startsWord = at == 0 || userAgent.charAt(at - 1) == ' ';
            boolean endsWord = end == userAgent.length() || userAgent.charAt(end) == '/'
                    || userAgent.charAt(end) == ' ';
            if (startsWord && endsWord) {
                return true;
            }
            from = at + 1;
        }
    }
}
