package dev.fisengine.cloudwatch.internal;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudWatch alarm ARN, {@code arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>}. The region and account
 * of the alarm come from here; the name may itself contain colons.
 *
 * @param arn the whole ARN as given
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}...
 * @param region e.g. {@code us-east-1}
 * @param account the 12-digit account id
 * @param name the alarm name
 */
public record AlarmArn(String arn, String partition, String region, String account, String name) {

    /** The regular expression a whole alarm ARN matches; also the stop condition's {@code valuePattern}. */
    public static final String PATTERN =
            "arn:aws[a-z-]*:cloudwatch:[a-z]{2}(?:-[a-z]+)+-\\d+:\\d{12}:alarm:[^\\p{Cntrl}]{1,255}";

    /** What a valid value looks like, for messages. */
    public static final String FORM = "arn:aws:cloudwatch:<region>:<12-digit account>:alarm:<alarm name>";

    private static final Pattern COMPILED = Pattern.compile(
            "arn:(aws[a-z-]*):cloudwatch:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):alarm:([^\\p{Cntrl}]{1,255})");

    public AlarmArn {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses an alarm ARN.
     *
     * @param where the place of the value, for the message (e.g. {@code stopConditions[0].value})
     * @throws IllegalArgumentException naming {@code where} and the value when it is not an alarm ARN
     */
    public static AlarmArn parse(String value, String where) {
        if (value == null) {
            throw new IllegalArgumentException(where + ": a CloudWatch alarm ARN is required (" + FORM + ")");
        }
        Matcher m = COMPILED.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + ": \"" + value + "\" is not a CloudWatch alarm ARN (" + FORM
                    + ")");
        }
        return new AlarmArn(value, m.group(1), m.group(2), m.group(3), m.group(4));
    }

    @Override
    public String toString() {
        return arn;
    }
}
