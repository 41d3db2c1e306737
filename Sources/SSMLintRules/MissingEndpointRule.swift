import SSMLintKit

/// SSM002: targets that rely on endpoints (no internet path) have endpoints
/// for some Session Manager services but not for all: ssm and ssmmessages are
/// errors, ec2messages a warning (only agents before 3.3.40.0 need it). Also a
/// warning when targets with a NAT/IGW path get some services privately and
/// send the rest through the internet. One finding per (VPC, missing service).
public struct MissingEndpointRule: Rule {
    public let definition: RuleDefinition
    public init(definition: RuleDefinition) { self.definition = definition }

    private struct Gap {
        var isolated: [ComputeTarget] = []
        var leaking: [ComputeTarget] = []
    }

    public func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis
        let model = context.model
        var gaps: [ResourceID: [SSMService: Gap]] = [:]
        var order: [ResourceID] = []
        for target in analysis.ssmIntendedTargets {
            guard let vpc = analysis.vpcID(of: target) else { continue }
            report.evaluated(vpc)
            let paths = SSMService.allCases.map { analysis.path(of: target, to: $0) }
            // Absence-based: any unknown on the way keeps the rule silent (3.1).
            if let reason = paths.lazy.compactMap(\.unresolved).first {
                report.unresolved(at: vpc, location: model.vpcs[vpc]!.info.location,
                                  check: "whether \(target.displayName) has every Session Manager endpoint", reason: reason, key: target.key)
                continue
            }
            guard paths.contains(where: { $0.endpoint != nil }) else { continue }   // no endpoint path at all: SSM014 / SSM005
            for (service, path) in zip(SSMService.allCases, paths) where path.endpoint == nil {
                // A declared endpoint for the service that is not usable is SSM013/SSM008/SSM001's finding.
                guard analysis.endpoints(in: vpc, for: service).isEmpty else { continue }
                if gaps[vpc] == nil { order.append(vpc) }
                if path.isNone { gaps[vpc, default: [:]][service, default: Gap()].isolated.append(target) }
                else if path.isInternet { gaps[vpc, default: [:]][service, default: Gap()].leaking.append(target) }
            }
        }
        for vpcID in order {
            guard let vpc = model.vpcs[vpcID] else { continue }
            for (service, gap) in gaps[vpcID]!.sorted(by: { $0.key < $1.key }) {
                let serviceName = ConnectivityText.serviceName(service, model)
                let fix = "Create an Interface endpoint \(serviceName) in VPC \(vpcID) with PrivateDnsEnabled: true, subnets in every AZ that hosts instances, and a security group allowing TCP 443 from the instance subnets"
                let targets = gap.isolated.isEmpty ? gap.leaking : gap.isolated
                let related = targets.map { ConnectivityText.related($0, "needs \(service.rawValue)") }
                let fips = analysis.endpointsByVPC[vpcID]?.first { endpoint in
                    endpoint.serviceName.known.flatMap(EndpointServiceName.init)?.service == service.rawValue + "-fips"
                }
                if !gap.isolated.isEmpty, let fips {
                    report.violation(
                        at: vpcID, location: vpc.info.location,
                        message: "VPC \(vpcID) has only the FIPS endpoint \(fips.id) for \(service.rawValue); SSM Agent uses the standard name \(ConnectivityText.dnsName(service, model)) unless it is configured for FIPS, so \(ConnectivityText.targets(gap.isolated)) may not reach \(service.rawValue). \(fix), or configure the agents for the FIPS endpoint",
                        variant: "fips", key: "missing:\(service.rawValue)", related: related)
                } else if !gap.isolated.isEmpty {
                    var message = "VPC \(vpcID) has no \(service.rawValue) endpoint, but \(ConnectivityText.targets(gap.isolated)) reach Systems Manager only through endpoints (no internet or NAT path)"
                    message += service == .ec2messages
                        ? "; \(ConnectivityText.ec2messagesNote). \(fix)"
                        : ", so Session Manager cannot \(service == .ssm ? "register the nodes" : "open sessions"). \(fix)"
                    report.violation(at: vpcID, location: vpc.info.location, message: message,
                                     variant: service == .ec2messages ? "ec2messages" : nil,
                                     key: "missing:\(service.rawValue)", related: related)
                } else {
                    let message = "VPC \(vpcID) has Systems Manager endpoints but none for \(service.rawValue): \(service.rawValue) traffic of \(ConnectivityText.targets(gap.leaking)) leaves through NAT or the internet gateway. For a fully private path: \(fix)"
                    report.violation(at: vpcID, location: vpc.info.location, message: message, variant: "internet-path",
                                     key: "missing:\(service.rawValue)", related: related)
                }
            }
        }
    }
}
