import SSMLintEngine

/// SSM012: a Session Manager endpoint whose service name names another Region
/// than the one the endpoint is created in, asks for another Region through
/// ServiceRegion / service_region (Systems Manager is not a cross-Region
/// PrivateLink service), or is not a valid service name at all
/// (`ssm-messages`, `ec2message`, no `com.amazonaws.` prefix). Names written
/// with ${AWS::Region} are always right; a Region the input does not fix
/// keeps the rule silent.
struct EndpointServiceRegionRule: Rule {
    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let model = context.model
        for endpoint in model.vpcEndpoints {
            guard case .known(let text) = endpoint.serviceName else { continue }
            switch ServiceNameSpelling(text, parsed: endpoint.parsedServiceName) {
            case .malformed(let problem, let expected):
                report.violation(
                    at: endpoint.info,
                    message: "endpoint \(endpoint.id)'s service name \(problem) (the service is written \(expected)), so the endpoint cannot be created",
                    fix: "Write the service name as \(expected)\(Self.portable(model)).",
                    key: "malformed")
            case .sessionManager(let name, let service):
                report.evaluated(endpoint.id)
                checkRegion(endpoint, name: name, service: service, context, &report)
            case .otherService, .unknown:
                continue
            }
        }
    }

    private func checkRegion(_ endpoint: VPCEndpoint, name: EndpointServiceName, service: SSMService,
                             _ context: RuleContext, _ report: inout RuleReport) {
        let deployment = context.analysis.deploymentRegion(of: endpoint)
        let terraform = context.model.format == .terraformPlan
        let serviceRegionKey = terraform ? "service_region" : "ServiceRegion"
        // The fix and the check are written only when reported: most endpoints are right.
        func fix() -> String {
            "Use the deployment Region in the service name, com.amazonaws.\(terraform ? "${data.aws_region.current.name}" : "${AWS::Region}").\(name.service)"
                + (endpoint.serviceRegion.isAbsent ? "." : ", and remove \(serviceRegionKey): Systems Manager endpoints serve only their own Region.")
        }
        let named: String? = { if case .literal(let region) = name.region { return region } else { return nil } }()
        func checkText() -> String { "whether endpoint \(endpoint.id)'s service name \(name) matches the Region it is created in" }

        switch endpoint.serviceRegion {
        case .known(let serviceRegion):
            if let named, named != serviceRegion {
                // Whatever the deployment Region, one of the two Regions differs from it.
                report.violation(
                    at: endpoint.info,
                    message: "endpoint \(endpoint.id)'s service name \(name) names \(named) but its \(serviceRegionKey) is \(serviceRegion); one of them differs from the Region it is created in, and Systems Manager does not support cross-Region endpoints",
                    fix: fix(), key: "region")
                return
            }
            switch deployment {
            case .known(let evidence) where evidence.region != serviceRegion:
                report.violation(
                    at: endpoint.info,
                    message: "endpoint \(endpoint.id) asks for \(service.rawValue) in \(serviceRegion) (\(serviceRegionKey)) but is created in \(evidence.region) (\(evidence.source)); Systems Manager is not among the services that support cross-Region interface endpoints, and SSM Agent talks to its own Region's \(service.rawValue) anyway",
                    fix: fix(), key: "region", related: related(evidence, context.model))
            case .known:
                break
            case .unknown(let reason):
                report.unresolved(at: endpoint.info, check: checkText(), reason: reason, key: "region")
            case .absent:
                break
            }
        case .unknown(let reason):
            report.unresolved(at: endpoint.info, check: checkText(), reason: reason, key: "region")
        case .absent:
            guard let named else { return }   // ${AWS::Region}: always the deployment Region
            switch deployment {
            case .known(let evidence) where evidence.region != named:
                report.violation(
                    at: endpoint.info,
                    message: "endpoint \(endpoint.id)'s service name \(name) names \(named), but the endpoint is created in \(evidence.region) (\(evidence.source)); Systems Manager endpoints serve only their own Region, so the creation fails or the endpoint never carries SSM Agent's traffic",
                    fix: fix(), key: "region", related: related(evidence, context.model))
            case .known, .absent:
                break
            case .unknown(let reason):
                report.unresolved(at: endpoint.info, check: checkText(), reason: reason, key: "region")
            }
        }
    }

    private func related(_ evidence: RegionEvidence, _ model: InfrastructureModel) -> [RelatedLocation] {
        evidence.resource.flatMap { ConnectivityText.related($0, in: model, "fixes the Region to \(evidence.region)") }.map { [$0] } ?? []
    }

    private static func portable(_ model: InfrastructureModel) -> String {
        model.format == .terraformPlan
            ? " (build the Region from data.aws_region.current.name)"
            : " (write the Region as ${AWS::Region} with !Sub)"
    }
}
