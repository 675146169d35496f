package io.trailsentry.cloudtrail;

import java.util.Objects;

/** The {@code userIdentity} block of a CloudTrail record, reduced to what detection reads. */
public class UserIdentity {
    public String type;
    public String arn;
    public String principalId;
    public String accountId;
    public String accessKeyId;
    public String userName;

    /** {@code sessionContext.sessionIssuer.arn} for assumed roles and federated users. */
    public String sessionIssuerArn;

    public String sessionIssuerType;
    public String invokedBy;

    /** {@code sessionContext.attributes.creationDate}, epoch millis, or 0. */
    public long sessionCreationTime;

    public UserIdentity() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof UserIdentity)) {
            return false;
        }
        UserIdentity that = (UserIdentity) o;
        return sessionCreationTime == that.sessionCreationTime
                && Objects.equals(type, that.type)
                && Objects.equals(arn, that.arn)
                && Objects.equals(principalId, that.principalId)
                && Objects.equals(accountId, that.accountId)
                && Objects.equals(accessKeyId, that.accessKeyId)
                && Objects.equals(userName, that.userName)
                && Objects.equals(sessionIssuerArn, that.sessionIssuerArn)
                && Objects.equals(sessionIssuerType, that.sessionIssuerType)
                && Objects.equals(invokedBy, that.invokedBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, arn, principalId, accountId, accessKeyId, userName);
    }
}
