import SSMLintEngine

/// SSM017: a Session document (Session Manager preferences, `Standard_Stream`)
/// encrypts sessions with a KMS key, sends session logs to CloudWatch Logs or
/// uploads them to S3, but the instances that reach Systems Manager only
/// through endpoints cannot reach that service. A Session document belongs to
/// no VPC: it concerns every VPC whose SSM-intended instances have no internet
/// path, and each finding names those VPCs. One finding per (document, preference).
struct SessionPreferenceEndpointsRule: Rule {
    private struct Concern {
        var vpc: ResourceID
        var targets: [ComputeTarget]
    }

    func check(_ context: RuleContext, _ report: inout RuleReport) {
        let analysis = context.analysis, model = context.model
        let documents = model.sessionDocuments.filter { $0.documentType.known == "Session" }
        guard !documents.isEmpty else { return }
        var concerns: [Concern] = []
        var undecided: Unresolved?
        for target in analysis.ssmIntendedTargets {
            guard let vpc = analysis.vpcID(of: target) else { continue }
            switch analysis.reachesSystemsManagerOnlyThroughEndpoints(target) {
            case .known(true):
                if let index = concerns.firstIndex(where: { $0.vpc == vpc }) { concerns[index].targets.append(target) }
                else { concerns.append(Concern(vpc: vpc, targets: [target])) }
            case .unknown(let reason): undecided = undecided ?? reason
            default: continue
            }
        }
        for document in documents {
            report.evaluated(document.id)
            switch document.sessionType {
            case .known(SessionDocument.standardStream): break
            case .unknown(let reason):
                report.unresolved(at: document.info, check: "whether Session document \(document.id) holds Session Manager preferences",
                                  reason: reason, key: "sessionType")
                continue
            default: continue
            }
            for preference in SessionPreference.allCases {
                switch document.preferences[preference] ?? .known(false) {
                case .known(true): break
                case .unknown(let reason):
                    if !concerns.isEmpty || undecided != nil {
                        report.unresolved(at: document.info, check: "whether Session document \(document.id) sets \(preference.rawValue)",
                                          reason: reason, key: preference.rawValue)
                    }
                    continue
                default: continue
                }
                if let undecided {
                    report.unresolved(at: document.info, check: "which instances depend on the \(preference.rawValue) of \(document.id)",
                                      reason: undecided, key: "targets:" + preference.rawValue)
                }
                let missing = concerns.compactMap { concern in lacking(preference, concern, document, analysis, &report) }
                guard !missing.isEmpty else { continue }
                reportMissing(preference, missing, document, model, &report)
            }
        }
    }

    /// The part of `concern` that cannot reach the service `preference` needs (nil: none, or unknown).
    private func lacking(_ preference: SessionPreference, _ concern: Concern, _ document: SessionDocument,
                         _ analysis: NetworkAnalysis, _ report: inout RuleReport) -> Concern? {
        let services: Set<String>
        switch preference {
        case .kmsKeyId: services = ["kms", "kms-fips"]
        case .cloudWatchLogGroupName: services = ["logs"]
        case .s3BucketName:
            var targets: [ComputeTarget] = []
            for target in concern.targets {
                switch analysis.s3Access(of: target) {
                case .none: targets.append(target)
                case .unknown(let reason):
                    report.unresolved(at: document.info, check: "whether \(target.displayName) reaches Amazon S3 for session logs",
                                      reason: reason, key: "s3:" + target.key)
                default: continue
                }
            }
            return targets.isEmpty ? nil : Concern(vpc: concern.vpc, targets: targets)
        }
        switch analysis.serviceEndpoint(services, in: concern.vpc) {
        case .known(nil): return concern
        case .unknown(let reason):
            report.unresolved(at: document.info, check: "whether VPC \(concern.vpc) has a \(services.sorted()[0]) endpoint",
                              reason: reason, key: "\(preference.rawValue):\(concern.vpc)")
            return nil
        default: return nil
        }
    }

    private func reportMissing(_ preference: SessionPreference, _ missing: [Concern], _ document: SessionDocument,
                               _ model: InfrastructureModel, _ report: inout RuleReport) {
        let region = model.region ?? "${AWS::Region}"
        let vpcs = missing.map(\.vpc.rawValue).joined(separator: ", ")
        let targets = missing.flatMap(\.targets)
        let names = ConnectivityText.targets(targets)
        let plural = missing.count > 1 ? "VPCs" : "VPC"
        let their = ConnectivityText.verb(targets, "its", "their")
        let only = "\(ConnectivityText.verb(targets, "reaches", "reach")) Systems Manager only through endpoints"
        let message: String, fix: String
        switch preference {
        case .kmsKeyId:
            message = "Session document \(document.id) encrypts sessions with the KMS key in kmsKeyId, but \(plural) \(vpcs) "
                + "\(missing.count > 1 ? "have" : "has") no kms interface endpoint and \(names) there \(only), "
                + "so SSM Agent cannot reach AWS KMS and sessions to \(ConnectivityText.verb(targets, "it", "them")) fail to start"
            fix = "Create an interface endpoint com.amazonaws.\(region).kms with private DNS in \(plural) \(vpcs), with a security group "
                + "that allows TCP 443 from the instances, or remove kmsKeyId from \(document.id)."
        case .cloudWatchLogGroupName:
            message = "Session document \(document.id) sends session logs to CloudWatch Logs (cloudWatchLogGroupName), but \(plural) \(vpcs) "
                + "\(missing.count > 1 ? "have" : "has") no logs interface endpoint and \(names) there \(only), "
                + "so the logs of \(their) sessions cannot be delivered"
            fix = "Create an interface endpoint com.amazonaws.\(region).logs with private DNS in \(plural) \(vpcs), with a security group "
                + "that allows TCP 443 from the instances."
        case .s3BucketName:
            message = "Session document \(document.id) uploads session logs to S3 (s3BucketName), but \(names) in \(plural) \(vpcs) "
                + "\(only) and \(ConnectivityText.verb(targets, "has", "have")) no S3 endpoint on \(their) route table, "
                + "so the logs of \(their) sessions cannot be uploaded"
            fix = "Add a gateway endpoint com.amazonaws.\(region).s3 associated with the route tables of the instances' subnets in \(plural) \(vpcs) "
                + "(or an S3 interface endpoint), and allow the S3 prefix list in restrictive security group egress rules."
        }
        var related = missing.compactMap { ConnectivityText.related($0.vpc, in: model, "VPC without the endpoint") }
        related += targets.map { ConnectivityText.related($0, "reaches Systems Manager only through endpoints") }
        report.violation(at: document.info, message: message, fix: fix, key: preference.rawValue, related: related)
    }
}
