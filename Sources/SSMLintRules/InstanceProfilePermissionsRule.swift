import SSMLintEngine

/// SSM007: a compute target whose instance profile cannot let SSM Agent
/// register: no profile at all (instance and launch template both silent), a
/// profile without a role, a role that ec2.amazonaws.com may not assume, or a
/// role without Systems Manager permissions. A warning, because Default Host
/// Management Configuration, an account setting invisible here, can manage
/// instances without a profile. A grant resting on the deprecated
/// AmazonEC2RoleforSSM gives a note. Instances an EC2 Instance Connect
/// Endpoint serves are left alone when they have no usable profile.
struct InstanceProfilePermissionsRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        // An EC2 Instance Connect Endpoint needs no instance profile on the
        // instances it serves: for them a missing profile is a design choice,
        // not a Session Manager mistake. Only the endpoint's own links count
        // (security-group rules naming each other, or egress to the subnet),
        // not a mere SSH rule in the same VPC.
        let servedByInstanceConnect = Set(analysis.instanceConnect().accesses.filter { !$0.isWeaklyLinked }.map(\.target.id))
        var seen: Set<ResourceID> = []
        // One finding per resource: an auto scaling group is a target per subnet.
        for target in analysis.targets where seen.insert(target.id).inserted {
            report.evaluated(target.id)
            switch analysis.permission(of: target) {
            case .missing where servedByInstanceConnect.contains(target.id):
                continue
            case .missing(let reason, let involved):
                let related = involved.compactMap { ConnectivityText.related($0, in: context.model, "instance profile or role") }
                report.violation(
                    at: target.info,
                    message: "\(ConnectivityText.resource(target))\(ConnectivityText.condition(target, context.model)) \(reason), so SSM Agent cannot register it with Systems Manager unless Default Host Management Configuration is turned on for the account and Region",
                    fix: fix(for: involved, context.model),
                    key: "permissions", related: related)
            case .granted(let role, let deprecated?):
                report.violation(
                    at: target.info,
                    message: "\(ConnectivityText.resource(target)) gets its Systems Manager permissions from role \(role)'s \(deprecated), a managed policy AWS has deprecated",
                    fix: "Replace \(deprecated) with \(Self.corePolicy(context.model)) on role \(role).",
                    variant: "deprecated-policy", key: "deprecated",
                    related: [ConnectivityText.related(role, in: context.model, "the role")].compactMap { $0 })
            case .granted:
                continue
            case .unresolved(let reason):
                report.unresolved(at: target.info, check: "whether \(ConnectivityText.resource(target))'s instance profile grants Systems Manager permissions",
                                  reason: reason, key: "permissions")
            }
        }
    }

    /// The policy ARN as the input's language writes it in every partition.
    static func corePolicy(_ model: InfrastructureModel) -> String {
        model.format == .terraformPlan
            ? "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
            : "arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
    }

    private func fix(for involved: [ResourceID], _ model: InfrastructureModel) -> String {
        let policy = Self.corePolicy(model)
        let alternative = " Or turn on Default Host Management Configuration (it needs IMDSv2 and SSM Agent 3.2.582.0 or later)."
        if let role = involved.first(where: { model.roles[$0] != nil }) {
            return "Let role \(role) trust ec2.amazonaws.com (sts:AssumeRole) and attach \(policy) to it, or a policy allowing ssm:UpdateInstanceInformation and ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel." + alternative
        }
        if let profile = involved.first {
            return "Add a role to instance profile \(profile) that trusts ec2.amazonaws.com and has \(policy) attached." + alternative
        }
        let property = model.format == .terraformPlan ? "iam_instance_profile" : "IamInstanceProfile"
        return "Attach an instance profile (\(property)) whose role trusts ec2.amazonaws.com and has \(policy) attached." + alternative
    }
}
