/// How a VPC endpoint service name is spelled, as far as the Session Manager
/// services go: a well-formed name, a misspelling of one of them (a creation
/// that fails with an invalid service name), or something else.
public enum ServiceNameSpelling: Sendable, Equatable {
    /// `com.amazonaws.<region>.ssm`, `cn.com.amazonaws.…`, `…ssm-fips`.
    case sessionManager(EndpointServiceName, service: SSMService)
    /// A name that means one of the three services but is not a valid service
    /// name; `problem` says what is wrong, `expected` how it is written.
    case malformed(problem: String, expected: String)
    /// Another service, or a name shaped differently (partner services).
    case otherService
    /// Parts of the name are known only at deploy time.
    case unknown

    public init(_ text: SymbolicText) {
        self.init(text, parsed: EndpointServiceName(text))
    }

    /// `parsed`: what `EndpointServiceName(text)` gives, when the caller has it already.
    public init(_ text: SymbolicText, parsed: EndpointServiceName?) {
        if let name = parsed {
            let base = Self.withoutFIPS(name.service)
            if let service = SSMService(rawValue: base) {
                self = .sessionManager(name, service: service)
            } else if let intended = Self.misspelling(of: base) {
                self = .malformed(problem: "'\(name.service)' is not a service", expected: "\(name.prefix).\(name.regionText).\(intended.rawValue)")
            } else {
                self = .otherService
            }
            return
        }
        // Not a well-formed name (rare; spelled out only now, since every rule
        // that reads an endpoint's service asks).
        var rendered = ""
        var symbolic = false
        for segment in text.segments {
            switch segment {
            case .literal(let literal): rendered += literal
            case .pseudo("AWS::Region"): rendered += "${AWS::Region}"
            case .pseudo("AWS::URLSuffix"): rendered += "amazonaws.com"
            default:
                rendered += "\u{1}"
                symbolic = true
            }
        }
        let labels = rendered.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let last = labels.last ?? ""
        // `ssm.us-east-1.amazonaws.com`: the DNS name written where the service name belongs.
        let isDNSName = labels.count >= 4
            && (labels.suffix(2) == ["amazonaws", "com"] || labels.suffix(3) == ["amazonaws", "com", "cn"])
        let token = isDNSName ? labels[0] : last
        if token.contains("\u{1}") { self = .unknown; return }
        let base = Self.withoutFIPS(token)
        guard let service = SSMService(rawValue: base) ?? Self.misspelling(of: base) else { self = .otherService; return }
        if symbolic { self = .unknown; return }
        let expected = "com.amazonaws.<region>.\(service.rawValue)"
        if isDNSName {
            self = .malformed(problem: "'\(rendered)' is a DNS name, not an endpoint service name", expected: expected)
        } else if labels.count == 3, labels.prefix(2) == ["com", "amazonaws"] {
            self = .malformed(problem: "'\(rendered)' has no Region segment", expected: expected)
        } else {
            self = .malformed(problem: "'\(rendered)' lacks the com.amazonaws. prefix", expected: expected)
        }
    }

    static func withoutFIPS(_ service: String) -> String {
        service.hasSuffix("-fips") ? String(service.dropLast(5)) : service
    }

    /// `ssm-messages`, `ssmmessage`, `ec2message`, `ssm_messages`: one edit (or
    /// separators) away from ssmmessages / ec2messages. Case alone is not
    /// judged, and ssm is too short to guess misspellings of.
    static func misspelling(of token: String) -> SSMService? {
        let lowered = token.lowercased()
        if SSMService(rawValue: lowered) != nil { return nil }
        let compact = lowered.filter { $0 != "-" && $0 != "_" }
        for service in [SSMService.ssmmessages, .ec2messages] {
            if compact == service.rawValue || editDistanceIsOne(compact, service.rawValue) { return service }
        }
        return nil
    }

    /// True when one insertion, deletion or substitution turns `a` into `b`.
    static func editDistanceIsOne(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        guard abs(x.count - y.count) <= 1, x != y else { return false }
        var i = 0, j = 0, edits = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count { i += 1 } else if x.count < y.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (x.count - i) + (y.count - j) == 1
    }
}

extension EndpointServiceName {
    /// The Region segment as written (`${AWS::Region}` for the stack Region).
    public var regionText: String {
        switch region {
        case .literal(let name): return name
        case .stack: return "${AWS::Region}"
        }
    }
}
