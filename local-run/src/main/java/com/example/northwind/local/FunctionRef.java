package com.example.northwind.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function an Invoke names, parsed as Lambda parses it: a name ({@code query}, {@code query:live}), a partial
 * ARN ({@code 000000000000:function:query}) or a full ARN ({@code arn:aws:lambda:us-east-1:000000000000:function:query:live}),
 * plus the {@code ?Qualifier=} parameter. Anything else (an S3 ARN, a name with a slash) is a ValidationException;
 * an ARN of another region or account names no local function (404), as it would in Lambda.
 *
 * @param qualifier the qualifier from the name or the parameter, or null
 */
record FunctionRef(String name, String qualifier) {
    /** Lambda's pattern for Invoke's FunctionName (1 to 170 characters). */
    static final String NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?"
            + "(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
    /** Lambda's pattern for Invoke's Qualifier (1 to 128 characters). */
    static final String QUALIFIER_PATTERN = "(|[a-zA-Z0-9$_-]+)";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern QUALIFIER = Pattern.compile(QUALIFIER_PATTERN);

    /**
     * @param raw            the decoded {function} path segment
     * @param queryQualifier the decoded {@code Qualifier} query parameter, or null
     */
    static FunctionRef parse(String raw, String queryQualifier, String region, String account) throws LambdaError {
        if (raw.length() > 170) {
            throw LambdaError.validation("functionName", raw, "Member must have length less than or equal to 170");
        }
        Matcher m = NAME.matcher(raw);
        if (raw.isEmpty() || !m.matches()) {
            throw LambdaError.validation("functionName", raw, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
        if (queryQualifier != null) {
            if (queryQualifier.isEmpty() || queryQualifier.length() > 128) {
                throw LambdaError.validation("qualifier", queryQualifier, "Member must have length between 1 and 128");
            }
            if (!QUALIFIER.matcher(queryQualifier).matches()) {
                throw LambdaError.validation("qualifier", queryQualifier,
                        "Member must satisfy regular expression pattern: " + QUALIFIER_PATTERN);
            }
        }
        String name = m.group(7);
        String nameQualifier = m.group(9);
        if (nameQualifier != null && queryQualifier != null && !nameQualifier.equals(queryQualifier)) {
            throw new LambdaError(400, "InvalidParameterValueException",
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        String qualifier = nameQualifier != null ? nameQualifier : queryQualifier;
        String armRegion = m.group(3) == null ? null : m.group(3).substring(0, m.group(3).length() - 1);
        if (armRegion != null && !armRegion.equals(region)) {
            // Lambda's own words for an ARN of another region.
            throw LambdaError.notFound("Functions from '" + armRegion + "' are not reachable in this region ('" + region + "')");
        }
        String arnAccount = m.group(5) == null ? null : m.group(5).substring(0, 12);
        if (arnAccount != null && !arnAccount.equals(account)) {
            throw LambdaError.notFound("Function not found: arn:aws:lambda:" + region + ":" + arnAccount + ":function:" + name
                    + (qualifier == null ? "" : ":" + qualifier));
        }
        return new FunctionRef(name, qualifier);
    }
}
