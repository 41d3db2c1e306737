import Foundation
import SSMLintModel

/// Whether a compute target's instance profile lets SSM Agent register
/// (the SSM007 test, which also decides which targets the connectivity rules
/// look at: domain.md 3.1 "Which targets the connectivity rules look at").
public enum ManagementPermission: Sendable {
    /// The role trusts ec2.amazonaws.com and carries Systems Manager permissions.
    case granted(role: ResourceID)
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

    /// Managed policies that grant what SSM Agent needs (F30, F31).
    static let managedPolicies: Set<String> = [
        "AmazonSSMManagedInstanceCore", "AmazonSSMManagedEC2InstanceDefaultPolicy", "AmazonEC2RoleforSSM",
    ]
    /// The actions a custom policy must allow (F30).
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
            case .granted(let id): return .granted(role: id)
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
        for arn in role.managedPolicyArns {
            switch arn {
            case .known(let text):
                switch Self.managedPolicyName(text) {
                case .known(let name): if Self.managedPolicies.contains(name) { return .granted(role: role.id) }
                case .unknown(let reason): pending = pending ?? reason
                case .absent: break
                }
            case .unknown(let reason): pending = pending ?? reason
            case .absent: break
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
        if allowed.count == Self.requiredActions.count { return .granted(role: role.id) }
        if let reason = pending ?? role.unresolvedPolicies.first { return .unresolved(reason) }
        return .missing(reason: "uses role \(role.id), which has neither AmazonSSMManagedInstanceCore nor a policy allowing ssm:UpdateInstanceInformation and the ssmmessages channel actions",
                        involved: [profile.id, role.id])
    }

    private func trustsEC2(_ role: Role) -> Value<Bool> {
        guard let document = role.assumeRolePolicy else {
            return .unknown(Unresolved("role \(role.id) has no readable AssumeRolePolicyDocument"))
        }
        return PolicyDocument.allowsService(document, service: "ec2.amazonaws.com", action: "sts:AssumeRole")
    }

    /// `arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2RoleforSSM` -> `AmazonEC2RoleforSSM`;
    /// absent for customer policies, unknown when the name itself is symbolic.
    static func managedPolicyName(_ arn: SymbolicText) -> Value<String> {
        var text = ""
        for segment in arn.segments {
            switch segment {
            case .literal(let literal): text += literal
            case .pseudo("AWS::Partition"): text += "aws"
            case .reference: return .absent   // a customer policy declared in the input: its document is attached
            case .pseudo, .unknown: text += "\u{1}"
            }
        }
        guard let range = text.firstByteRange(of: ":iam::aws:policy/") else {
            return text.contains("\u{1}") ? .unknown(Unresolved("policy ARN '\(arn)' is known only at deploy time")) : .absent
        }
        let name = String(text[range.upperBound...].utf8.split(separator: UInt8(ascii: "/")).last.flatMap { Substring($0) } ?? "")
        return name.contains("\u{1}") ? .unknown(Unresolved("policy ARN '\(arn)' is known only at deploy time")) : .known(name)
    }
}
