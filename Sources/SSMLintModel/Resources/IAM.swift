/// `AWS::IAM::InstanceProfile` / `aws_iam_instance_profile`.
public struct InstanceProfile: DeclaredResource {
    public var info: ResourceInfo
    /// The profile name when given (instances name profiles by name).
    public var profileName: Value<String>
    public var roles: Value<[Value<ResourceRef>]>

    public init(info: ResourceInfo, profileName: Value<String>, roles: Value<[Value<ResourceRef>]>) {
        self.info = info
        self.profileName = profileName
        self.roles = roles
    }
}

/// `AWS::IAM::Role` / `aws_iam_role`, with the policies attached to it in the input.
public struct Role: DeclaredResource {
    public var info: ResourceInfo
    public var roleName: Value<String>
    public var assumeRolePolicy: PropertyValue?
    /// Managed policy ARNs attached to the role (inline list and attachment resources).
    public var managedPolicyArns: [Value<SymbolicText>]
    /// Policy documents: inline `Policies`, `AWS::IAM::Policy`, attached customer policies.
    public var policyDocuments: [PropertyValue]
    /// Policies whose content cannot be read (attached by unresolvable ARN, …).
    public var unresolvedPolicies: [Unresolved]

    public init(info: ResourceInfo, roleName: Value<String>, assumeRolePolicy: PropertyValue?,
                managedPolicyArns: [Value<SymbolicText>] = [], policyDocuments: [PropertyValue] = [],
                unresolvedPolicies: [Unresolved] = []) {
        self.info = info
        self.roleName = roleName
        self.assumeRolePolicy = assumeRolePolicy
        self.managedPolicyArns = managedPolicyArns
        self.policyDocuments = policyDocuments
        self.unresolvedPolicies = unresolvedPolicies
    }
}
