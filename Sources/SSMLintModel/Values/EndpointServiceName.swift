/// The services Session Manager talks to.
public enum SSMService: String, Sendable, CaseIterable, Comparable {
    case ssm, ssmmessages, ec2messages

    public static func < (lhs: SSMService, rhs: SSMService) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A VPC endpoint service name taken apart: `com.amazonaws.<region>.<service>`
/// (also `cn.com.amazonaws.` and `-fips` forms). The Region may be the
/// symbolic stack Region (`${AWS::Region}`), so `!Sub com.amazonaws.${AWS::Region}.ssm`
/// is recognised without knowing the Region.
public struct EndpointServiceName: Hashable, Sendable, CustomStringConvertible {
    public enum Region: Hashable, Sendable {
        case literal(String)
        /// `${AWS::Region}`: always the deployment Region.
        case stack
    }

    public var prefix: String
    public var region: Region
    /// The last label: `ssm`, `ssmmessages`, `s3`, `ssm-fips`, …
    public var service: String

    public init(prefix: String, region: Region, service: String) {
        self.prefix = prefix
        self.region = region
        self.service = service
    }

    /// Parses AWS service names; nil for names that are not of that shape or
    /// have unknown parts (partner services, unresolved references).
    public init?(_ text: SymbolicText) {
        let marker = "\u{1}"
        var rendered = ""
        for segment in text.segments {
            switch segment {
            case .literal(let literal): rendered += literal
            case .pseudo("AWS::Region"): rendered += marker
            case .pseudo("AWS::URLSuffix"): rendered += "amazonaws.com"
            default: return nil
            }
        }
        // The last two labels are the Region and the service; the rest is the
        // prefix. Found on the bytes: splitting on Characters (grapheme
        // clusters) made this a measurable part of a large scan.
        let utf8 = rendered.utf8
        guard let lastDot = utf8.lastIndex(of: UInt8(ascii: ".")),
              let regionDot = utf8[..<lastDot].lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let prefix = String(rendered[..<regionDot])
        let regionLabel = String(rendered[utf8.index(after: regionDot)..<lastDot])
        let service = String(rendered[utf8.index(after: lastDot)...])
        guard prefix == "com.amazonaws" || prefix == "cn.com.amazonaws", !service.isEmpty else { return nil }
        if regionLabel == marker {
            region = .stack
        } else if !regionLabel.contains(marker), !regionLabel.isEmpty {
            region = .literal(regionLabel)
        } else {
            return nil
        }
        self.prefix = prefix
        self.service = service
    }

    /// The Session Manager service this endpoint serves (the exact name: `ssm-fips`
    /// does not serve agents that use the standard name).
    public var ssmService: SSMService? { SSMService(rawValue: service) }

    /// The DNS name the agent resolves for this service in `region`.
    public static func dnsName(of service: SSMService, region: String) -> String {
        "\(service.rawValue).\(region).amazonaws.com"
    }

    public var description: String {
        switch region {
        case .literal(let name): return "\(prefix).\(name).\(service)"
        case .stack: return "\(prefix).${AWS::Region}.\(service)"
        }
    }
}
