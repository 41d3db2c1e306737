import Foundation
import SSMLintModel

/// Whether a compute target's instance profile lets SSM Agent register: the
/// SSM007 test, which also decides which targets the connectivity rules look
/// at (a target that definitely lacks permissions is not meant for Session
/// Manager unless `--all-instances` says so).
public enum ManagementPermission: Sendable {
    /// The role trusts ec2.amazonaws.com and carries Systems Manager permissions;
    /// `deprecatedPolicy` names the deprecated managed policy they rest on, if so.
    case granted(role: ResourceID, deprecatedPolicy: String?)
    /// Definitely no usable profile: none given, no role, no trust, no permissions.
    case missing(reason: String, involved: [ResourceID])
    /// The profile, role or policies are outside the input or unresolved.
    case unresolved(Unresolved)

    /// Connectivity rules evaluate targets whose permission is granted or unresolvable.
    public var isSSMIntended: Bool {
        if case .missing = self { return false }
        return true
    }
}

struct ManagementPermissionEvaluator {
    let model: InfrastructureModel
    private let profilesByName: [String: ResourceID]
    private let rolesByName: [String: ResourceID]

    /// AWS managed policies that grant what SSM Agent needs: the instance
    /// policies, and the broad ones whose allow covers every ssm and
    /// ssmmessages action.
    static let grantingPolicies: Set<String> = [
        "AmazonSSMManagedInstanceCore", "AmazonSSMManagedEC2InstanceDefaultPolicy", "AdministratorAccess", "PowerUserAccess",
    ]
    /// The legacy instance policy: it grants the permissions but is deprecated
    /// in favour of AmazonSSMManagedInstanceCore.
    static let deprecatedPolicy = "AmazonEC2RoleforSSM"
    /// AWS managed policies often attached to instance roles whose documents do
    /// not allow ssm:UpdateInstanceInformation or the ssmmessages channel
    /// actions. Any other AWS managed policy's contents are unknown to ssmlint.
    static let policiesWithoutSessionPermissions: Set<String> = [
        "AmazonS3ReadOnlyAccess", "AmazonS3FullAccess", "CloudWatchAgentServerPolicy", "CloudWatchLogsFullAccess",
        "AmazonEC2ReadOnlyAccess", "AmazonEC2ContainerRegistryReadOnly", "AmazonEC2ContainerServiceforEC2Role",
        "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonSSMReadOnlyAccess", "AWSXRayDaemonWriteAccess",
    ]
    /// The actions a custom policy must allow: registration and the session channels.
    static let requiredActions = [
        "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
    ]

    init(model: InfrastructureModel) {
        self.model = model
        var profiles: [String: ResourceID] = [:]
        for profile in model.instanceProfiles {
            if let name = profile.profileName.known { profiles[name] = profile.id }
        }
        profilesByName = profiles
        var roles: [String: ResourceID] = [:]
        for role in model.roles {
            if let name = role.roleName.known { roles[name] = role.id }
        }
        rolesByName = roles
    }

    func evaluate(_ profile: Value<ResourceRef>) -> ManagementPermission {
        switch profile {
        case .absent:
            return .missing(reason: "has no instance profile", involved: [])
        case .unknown(let reason):
            return .unresolved(reason)
        case .known(let ref):
            guard let declared = resolveProfile(ref) else {
                return .unresolved(Unresolved("instance profile \(ref) is not declared in the input"))
            }
            return evaluate(declared)
        }
    }

    private func resolveProfile(_ ref: ResourceRef) -> InstanceProfile? {
        switch ref {
        case .declared(let id): return model.instanceProfiles[id]
        case .external(let name):
            // A literal name or ARN may still name a profile declared with InstanceProfileName.
            let last = name.split(separator: "/").last.map(String.init) ?? name
            return profilesByName[last].flatMap { model.instanceProfiles[$0] }
        }
    }

    private func evaluate(_ profile: InstanceProfile) -> ManagementPermission {
        guard case .known(let roles) = profile.roles else {
            return profile.roles.isAbsent
                ? .missing(reason: "uses instance profile \(profile.id), which has no role", involved: [profile.id])
                : .unresolved(profile.roles.unresolved ?? Unresolved("the roles of \(profile.id) are unknown"))
        }
        guard !roles.isEmpty else { return .missing(reason: "uses instance profile \(profile.id), which has no role", involved: [profile.id]) }
        var firstMissing: ManagementPermission?
        for roleRef in roles {
            let role: Role?
            switch roleRef {
            case .known(.declared(let id)): role = model.roles[id]
            case .known(.external(let name)): role = rolesByName[name].flatMap { model.roles[$0] }
            case .unknown(let reason): return .unresolved(reason)
            case .absent: role = nil
            }
            guard let role else {
                return .unresolved(Unresolved("role \(roleRef.known?.description ?? "?") of \(profile.id) is not declared in the input"))
            }
            switch evaluate(role, profile: profile) {
            case .granted(let id, let deprecated): return .granted(role: id, deprecatedPolicy: deprecated)
            case .unresolved(let reason): return .unresolved(reason)
            case let missing: firstMissing = firstMissing ?? missing
            }
        }
        return firstMissing ?? .missing(reason: "uses instance profile \(profile.id) without a usable role", involved: [profile.id])
    }

    private func evaluate(_ role: Role, profile: InstanceProfile) -> ManagementPermission {
        switch trustsEC2(role) {
        case .known(false):
            return .missing(reason: "uses role \(role.id), whose trust policy does not let ec2.amazonaws.com assume it",
                            involved: [profile.id, role.id])
        case .unknown(let reason): return .unresolved(reason)
        default: break
        }
        var pending: Unresolved?
        var deprecated: String?
        for arn in role.managedPolicyArns {
            let policy: PolicyARN
            switch arn {
            case .known(let text): policy = Self.classify(text)
            case .unknown(let reason): policy = .unknown(reason)
            case .absent: continue
            }
            switch policy {
            case .awsManaged(let name):
                if Self.grantingPolicies.contains(name) { return .granted(role: role.id, deprecatedPolicy: nil) }
                if name == Self.deprecatedPolicy {
                    deprecated = name
                } else if !Self.policiesWithoutSessionPermissions.contains(name) {
                    pending = pending ?? Unresolved("role \(role.id) has the AWS managed policy \(name), whose permissions ssmlint does not know")
                }
            case .customer(let text):
                pending = pending ?? Unresolved("policy \(text) of role \(role.id) is not declared in the input, so its permissions are unknown")
            case .reference(let id):
                pending = pending ?? Unresolved("role \(role.id) names \(id) as a managed policy, whose document is not in the input")
            case .unknown(let reason):
                pending = pending ?? reason
            }
        }
        var allowed: Set<String> = []
        for document in role.policyDocuments {
            switch PolicyDocument.allowedActions(document, among: Self.requiredActions) {
            case .known(let actions): allowed.formUnion(actions)
            case .unknown(let reason): pending = pending ?? reason
            case .absent: break
            }
        }
        if allowed.count == Self.requiredActions.count { return .granted(role: role.id, deprecatedPolicy: nil) }
        pending = pending ?? role.unresolvedPolicies.first
        // The deprecated policy grants for sure; only whether something else also grants may be unknown.
        if let deprecated { return .granted(role: role.id, deprecatedPolicy: pending == nil ? deprecated : nil) }
        if let pending { return .unresolved(pending) }
        return .missing(reason: "uses role \(role.id), which has neither AmazonSSMManagedInstanceCore nor a policy allowing ssm:UpdateInstanceInformation and the ssmmessages channel actions",
                        involved: [profile.id, role.id])
    }

    private func trustsEC2(_ role: Role) -> Value<Bool> {
        guard let document = role.assumeRolePolicy else {
            return .unknown(Unresolved("role \(role.id) has no readable AssumeRolePolicyDocument"))
        }
        return PolicyDocument.allowsService(document, service: "ec2.amazonaws.com", action: "sts:AssumeRole")
    }

    /// What a policy ARN names.
    enum PolicyARN {
        /// `arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2RoleforSSM` -> `AmazonEC2RoleforSSM`.
        case awsManaged(String)
        /// A customer managed policy given by ARN: its document is not in the input.
        case customer(String)
        /// A reference to another resource of the input that the loader could not
        /// read as a policy document (documents of declared policies are attached
        /// to the role instead of their ARN).
        case reference(ResourceID)
        case unknown(Unresolved)
    }

    /// Partition-agnostic: `arn:aws:`, `arn:aws-cn:`, `arn:${AWS::Partition}:` alike.
    static func classify(_ arn: SymbolicText) -> PolicyARN {
        var text = ""
        for segment in arn.segments {
            switch segment {
            case .literal(let literal): text += literal
            case .pseudo("AWS::Partition"): text += "aws"
            case .reference(let id, _): if arn.segments.count == 1 { return .reference(id) } else { text += "\u{1}" }
            case .pseudo, .unknown: text += "\u{1}"
            }
        }
        // Made only when needed: every role's managed policies are classified.
        func unknown() -> PolicyARN { .unknown(Unresolved("policy ARN '\(arn)' is known only at deploy time")) }
        guard let range = text.firstByteRange(of: ":iam::aws:policy/") else {
            return text.utf8.contains(1) ? unknown() : .customer(text)
        }
        // The last path segment that is not empty, found by byte: splitting
        // the text into Characters was most of the cost of a role's check.
        var path = text.utf8[range.upperBound...]
        while path.last == UInt8(ascii: "/") { path = path.dropLast() }
        if let slash = path.lastIndex(of: UInt8(ascii: "/")) { path = path[path.index(after: slash)...] }
        let name = String(Substring(path))
        return name.utf8.contains(1) ? unknown() : .awsManaged(name)
    }
}
