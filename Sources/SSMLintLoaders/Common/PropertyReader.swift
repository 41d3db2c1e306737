import Foundation
import SSMLintModel

/// Reads typed, tri-state model fields out of resolved property values. Shared
/// by the CloudFormation and Terraform loaders so both map into the model the
/// same way.
struct PropertyReader {

    /// Identities to read as others: a VPC's default group managed as its own
    /// resource, names that identify declared resources.
    var aliases: [ResourceID: ResourceID] = [:]
    var names: [String: ResourceID] = [:]

    private func alias(_ id: ResourceID) -> ResourceID { aliases[id] ?? id }

    func ref(_ value: PropertyValue?) -> Value<ResourceRef> {
        guard let value else { return .absent }
        switch value.kind {
        case .null: return .absent
        case .scalar(let text):
            if text.isEmpty { return .absent }
            if let declared = names[text] { return .known(.declared(alias(declared))) }
            return .known(.external(text))
        case .reference(let id, let attribute):
            // Attributes that name a resource AWS created with this one.
            if let attribute, let kind = ImplicitResource.Kind(rawValue: attribute) {
                return .known(.declared(alias(ResourceID(kind, of: id))))
            }
            return .known(.declared(alias(id)))
        case .text(let text):
            return .unknown(Unresolved("'\(text)' is known only at deploy time"))
        case .unknown(let reason): return .unknown(reason)
        case .list(let items) where items.count == 1: return ref(items[0])
        default: return .unknown(Unresolved("expected a single resource, found \(value.displayText)"))
        }
    }

    func refList(_ value: PropertyValue?) -> Value<[Value<ResourceRef>]> {
        guard let value else { return .absent }
        switch value.kind {
        case .null: return .absent
        case .list(let items): return .known(items.map { ref($0) })
        case .unknown(let reason): return .unknown(reason)
        default: return .known([ref(value)])
        }
    }

    /// Like `refList`, but an empty list means "not set" (Terraform writes [] for unset lists).
    func refListOrAbsent(_ value: PropertyValue?) -> Value<[Value<ResourceRef>]> {
        if let items = value?.list, items.isEmpty { return .absent }
        return refList(value)
    }

    func stringList(_ value: PropertyValue?) -> Value<[Value<String>]> {
        guard let value else { return .absent }
        switch value.kind {
        case .null: return .absent
        case .list(let items): return .known(items.map { string($0) })
        case .unknown(let reason): return .unknown(reason)
        default: return .known([string(value)])
        }
    }

    func bool(_ value: PropertyValue?) -> Value<Bool> {
        guard let value else { return .absent }
        switch value.kind {
        case .null: return .absent
        case .scalar(let text):
            switch text.lowercased() {
            case "true": return .known(true)
            case "false": return .known(false)
            default: return .unknown(Unresolved("'\(text)' is not a boolean"))
            }
        case .unknown(let reason): return .unknown(reason)
        default: return .unknown(Unresolved("\(value.displayText) is not a boolean"))
        }
    }

    /// "enable" / "disable" switches (transit gateway default route table options).
    func enableSwitch(_ value: PropertyValue?) -> Value<Bool> {
        string(value).flatMap { text in
            switch text.lowercased() {
            case "enable": return .known(true)
            case "disable": return .known(false)
            default: return .unknown(Unresolved("'\(text)' is neither enable nor disable"))
            }
        }
    }

    func int(_ value: PropertyValue?) -> Value<Int> {
        guard let value else { return .absent }
        switch value.kind {
        case .null: return .absent
        case .scalar(let text):
            if let number = Int(text.trimmingSpaces) { return .known(number) }
            if let number = Double(text), number == number.rounded(), abs(number) < 1e9 { return .known(Int(number)) }
            return .unknown(Unresolved("'\(text)' is not a whole number"))
        case .unknown(let reason): return .unknown(reason)
        default: return .unknown(Unresolved("\(value.displayText) is not a number"))
        }
    }

    /// Whether a property is given a value at all (an IPv6 CIDR, for example):
    /// absent when it is missing or null, false for an empty string or list.
    func isSet(_ value: PropertyValue?) -> Value<Bool> {
        guard let value else { return .absent }
        switch value.kind {
        case .null: return .absent
        case .scalar(let text): return .known(!text.isEmpty)
        case .list(let items): return .known(!items.isEmpty)
        case .unknown(let reason): return .unknown(reason)
        default: return .known(true)
        }
    }

    func string(_ value: PropertyValue?) -> Value<String> {
        guard let value else { return .absent }
        switch value.kind {
        case .null: return .absent
        case .scalar(let text): return .known(text)
        case .unknown(let reason): return .unknown(reason)
        case .text(let text):
            // Text built from an unresolved part is unknown for that part's reason.
            for case .unknown(let reason) in text.segments { return .unknown(reason) }
            return .unknown(Unresolved("'\(text)' is known only at deploy time"))
        default: return .unknown(Unresolved("\(value.displayText) is not a string"))
        }
    }

    /// A CIDR block without the white space around it: both loaders read
    /// `" 0.0.0.0/0"` and `"0.0.0.0/0 "` as 0.0.0.0/0, as the address parser does.
    func cidr(_ value: PropertyValue?) -> Value<String> {
        string(value).map(\.trimmingWhitespace)
    }

    func text(_ value: PropertyValue?) -> Value<SymbolicText> {
        guard let value else { return .absent }
        switch value.kind {
        case .null: return .absent
        case .scalar(let text): return .known(SymbolicText([.literal(text)]))
        case .text(let text): return .known(text)
        case .reference(let id, let attribute): return .known(SymbolicText([.reference(id, attribute: attribute)]))
        case .unknown(let reason): return .unknown(reason)
        default: return .unknown(Unresolved("\(value.displayText) is not a string"))
        }
    }

    /// A DNS name, normalised. `ssm.${AWS::Region}.amazonaws.com` without a known
    /// Region keeps the Region as the label `${aws::region}`: it is the Region the
    /// stack deploys to, the same one its `${AWS::Region}` service names use.
    func dnsName(_ value: PropertyValue?) -> Value<String> {
        guard let value else { return .absent }
        if case .text(let text) = value.kind {
            var name = ""
            for segment in text.segments {
                switch segment {
                case .literal(let literal): name += literal
                case .pseudo("AWS::Region"): name += HostedZone.deploymentRegionLabel
                case .pseudo("AWS::URLSuffix"): name += "amazonaws.com"
                default: return .unknown(Unresolved("the DNS name '\(text)' is known only at deploy time"))
                }
            }
            return .known(HostedZone.normalize(name))
        }
        return string(value).map(HostedZone.normalize)
    }

    /// A network ACL entry's protocol: a number (`-1` for all, `6`) or a name (`tcp`, `all`).
    func networkACLProtocol(_ value: PropertyValue?) -> Value<IPProtocol> {
        string(value).flatMap { text in
            IPProtocol(parsing: text.trimmingSpaces).map { .known($0) } ?? .unknown(Unresolved("unrecognised protocol '\(text)'"))
        }
    }

    /// `allow` or `deny`, in any case.
    func networkACLAction(_ value: PropertyValue?) -> Value<NetworkACLEntry.Action> {
        string(value).flatMap { text in
            NetworkACLEntry.Action(rawValue: text.lowercased()).map { .known($0) } ?? .unknown(Unresolved("unrecognised rule action '\(text)'"))
        }
    }

    func availabilityZone(_ value: PropertyValue?) -> Value<AvailabilityZone> {
        guard let value else { return .absent }
        switch value.kind {
        case .null: return .absent
        case .scalar(let text):
            return .known(Self.isZoneID(text) ? .zoneID(text) : .name(text))
        case .availabilityZoneIndex(let index):
            return .known(.index(index))
        case .text(let text):
            let segments = text.segments
            if segments.count == 2, segments[0] == .pseudo("AWS::Region") {
                switch segments[1] {
                case .literal(let letter): return .known(.regionLetter(letter))
                case .unknown(let reason):
                    if let symbol = reason.symbol { return .known(.parameter("${AWS::Region}" + symbol)) }
                    return .unknown(reason)
                default: break
                }
            }
            return .unknown(Unresolved("the Availability Zone '\(text)' is known only at deploy time"))
        case .unknown(let reason):
            if let symbol = reason.symbol { return .known(.parameter(symbol)) }
            return .unknown(reason)
        default:
            return .unknown(Unresolved("\(value.displayText) is not an Availability Zone"))
        }
    }

    /// `apne1-az1`, `use1-az6`, `usw2-lax1-az1`.
    static func isZoneID(_ text: String) -> Bool {
        guard let range = text.firstByteRange(of: "-az") else { return false }
        return !text[range.upperBound...].isEmpty && text[range.upperBound...].allSatisfy(\.isNumber)
            && text[..<range.lowerBound].allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            && text[..<range.lowerBound].contains(where: \.isNumber)
    }
}
