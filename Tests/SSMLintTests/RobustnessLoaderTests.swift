import Foundation
import SSMLintEngine
import SSMLintLoaders
import SSMLintModel
import SSMLintRules
import Testing

/// Hostile templates and plans that once crashed or hung the loaders: no
/// trap on any value, and work bounded on cyclic or exponential references.
@Suite("Robustness: loaders")
struct RobustnessLoaderTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Paths.fixtures.appendingPathComponent("robustness/\(name)")))
    }

    static func load(_ bytes: [UInt8], file: String = "input") throws -> LoadedInput {
        try InputLoader.load(bytes: bytes, file: file, options: LoadOptions()).get()
    }

    static func plan(_ object: [String: Any]) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: object))
    }

    /// A plan whose provider Region is the given expression.
    static func plan(region: [String: Any], variables: [String: Any] = [:], moduleCalls: [String: Any] = [:],
                     resources: [[String: Any]] = []) throws -> [UInt8] {
        try plan([
            "format_version": "1.2", "terraform_version": "1.6.0",
            "variables": variables.mapValues { ["value": $0] },
            "planned_values": ["root_module": ["resources": resources]],
            "configuration": [
                "provider_config": ["aws": ["name": "aws", "expressions": ["region": region]]],
                "root_module": ["module_calls": moduleCalls],
            ],
        ])
    }

    /// Seconds a closure takes.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    // MARK: Terraform references

    @Test("negative and oversized list indexes in Terraform references never trap (the provider region is always evaluated)")
    func negativeIndexes() throws {
        #expect(try Self.load(try Self.fixture("tf-negative-index.json")).model.region == nil)
        #expect(try Self.load(try Self.fixture("tf-negative-index-attribute.json")).model.region == nil)
        let regions = ["us-east-1", "eu-west-1"]
        for reference in ["var.r[-1]", "var.r[-9223372036854775808]", "var.r[99999999999999999999]", "var.r[-99999999999999999999]", "var.r[2]"] {
            let bytes = try Self.plan(region: ["references": [reference, "var.r"]], variables: ["r": regions])
            #expect(try Self.load(bytes).model.region == nil, "\(reference) selects nothing")
        }
        let valid = try Self.plan(region: ["references": ["var.r[1]", "var.r"]], variables: ["r": regions])
        #expect(try Self.load(valid).model.region == "eu-west-1", "indexes in range still select")
        // Indexes into a planned resource's attribute and into a module output.
        let resource: [String: Any] = ["address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "name": "v",
                                       "values": ["tags": ["eu-west-1"], "cidr_block": "10.0.0.0/16"]]
        for reference in ["aws_vpc.v.tags[-1]", "aws_vpc.v.tags[-2]", "aws_vpc.v.tags[9223372036854775807]"] {
            let bytes = try Self.plan(region: ["references": [reference]], resources: [resource])
            #expect(try Self.load(bytes).model.region == nil, "\(reference)")
        }
        let module: [String: Any] = ["source": "./m", "module": ["outputs": ["o": ["expression": ["constant_value": regions]]]]]
        for reference in ["module.m.o[-1]", "module.m.o[1]"] {
            let bytes = try Self.plan(region: ["references": [reference]], moduleCalls: ["m": module])
            #expect(try Self.load(bytes).model.region == (reference.hasSuffix("[1]") ? "eu-west-1" : nil), "\(reference)")
        }
    }

    @Test("a cycle of module outputs and inputs is reported as an unknown, at once")
    func moduleCycle() throws {
        var region: String? = "unset"
        let elapsed = try Self.seconds { region = try Self.load(try Self.fixture("tf-module-cycle.json")).model.region }
        #expect(region == nil)
        #expect(elapsed < 5, "the 8×8 cycle took \(elapsed) s (it grew as 8^16 with a depth bound)")
        // A wider cycle: 24 outputs each reading 24 inputs that read every output.
        let names = (0..<24).map { "o\($0)" }
        let inputs = Dictionary(uniqueKeysWithValues: (0..<24).map { ("v\($0)", ["references": names.map { "module.a.\($0)" }]) })
        let outputs = Dictionary(uniqueKeysWithValues: names.map { ($0, ["expression": ["references": (0..<24).map { "var.v\($0)" }]]) })
        let wide = try Self.plan(region: ["references": ["module.a.o0"]],
                                 moduleCalls: ["a": ["source": "./a", "expressions": inputs, "module": ["outputs": outputs]]])
        let wideElapsed = try Self.seconds { region = try Self.load(wide).model.region }
        #expect(region == nil)
        #expect(wideElapsed < 5, "the 24×24 cycle took \(wideElapsed) s")
    }

    /// Sibling modules m0…m(n-1): m(i).o and m(i).p both read m(i).v, which
    /// lists `fanOut` of m(i+1)'s outputs; the last module's input is a constant.
    static func moduleChain(depth: Int, fanOut: [String], last: Any) throws -> [UInt8] {
        var calls: [String: Any] = [:]
        for index in 0..<depth {
            let input: [String: Any] = index == depth - 1
                ? ["constant_value": last]
                : ["references": fanOut.map { "module.m\(index + 1).\($0)" }]
            calls["m\(index)"] = ["source": "./m", "expressions": ["v": input],
                                  "module": ["outputs": ["o": ["expression": ["references": ["var.v"]]],
                                                         "p": ["expression": ["references": ["var.v"]]]]]]
        }
        return try plan(region: ["references": ["module.m0.o"]], moduleCalls: calls)
    }

    @Test("module outputs are followed once per resolution: long chains resolve, doubling chains stop at the size limit")
    func moduleChains() throws {
        let chain = try Self.moduleChain(depth: 60, fanOut: ["o"], last: "ap-northeast-1")
        #expect(try Self.load(chain).model.region == "ap-northeast-1", "60 modules deep, one output each")
        // Each level lists both outputs of the next, doubling the list: 2^40 items.
        var region: String? = "unset"
        let doubling = try Self.moduleChain(depth: 40, fanOut: ["o", "p"], last: ["x"])
        let elapsed = try Self.seconds { region = try Self.load(doubling).model.region }
        #expect(region == nil)
        // Building the lists up to the size limit takes a moment in a debug build; 2^40 never ends.
        #expect(elapsed < 30, "took \(elapsed) s")
    }

    @Test("an output resolved once keeps each user's location")
    func sharedOutputLocations() throws {
        let groups = ["a", "b"].map { name -> [String: Any] in
            ["address": "module.m.aws_security_group.\(name)", "mode": "managed", "type": "aws_security_group", "name": name,
             "values": ["name": name]]
        }
        let instances = ["one", "two"].map { name -> [String: Any] in
            ["address": "aws_instance.\(name)", "mode": "managed", "type": "aws_instance", "name": name, "values": ["ami": "ami-1"]]
        }
        let bytes = try Self.plan([
            "format_version": "1.2", "terraform_version": "1.6.0",
            "planned_values": ["root_module": [
                "resources": instances,
                "child_modules": [["address": "module.m", "resources": groups]],
            ]],
            "resource_changes": ["one", "two"].map { name in
                ["address": "aws_instance.\(name)", "change": ["actions": ["create"], "after_unknown": ["vpc_security_group_ids": true]]]
            },
            "configuration": ["root_module": [
                "resources": ["one", "two"].map { name in
                    ["address": "aws_instance.\(name)", "mode": "managed", "type": "aws_instance", "name": name,
                     "expressions": ["vpc_security_group_ids": ["references": ["module.m.groups"]]]]
                },
                "module_calls": ["m": ["source": "./m", "module": ["outputs": [
                    "groups": ["expression": ["references": ["aws_security_group.a.id", "aws_security_group.a", "aws_security_group.b.id", "aws_security_group.b"]]],
                ]]]],
            ]],
        ])
        let model = try Self.load(bytes).model
        for name in ["one", "two"] {
            let resource = try #require(model.resource(ResourceID("aws_instance.\(name)")))
            let groups = try #require(resource.properties["vpc_security_group_ids"]?.list)
            #expect(groups.count == 2)
            for group in groups {
                #expect(group.range == resource.info.location.range, "\(name): \(group.range) is the instance's own range")
            }
        }
        let instance = try #require(model.instances["aws_instance.two"])
        #expect(instance.securityGroups.known?.compactMap(\.known) == [.declared("module.m.aws_security_group.a"), .declared("module.m.aws_security_group.b")])
    }

    // MARK: CloudFormation references

    /// Parameters P0…P(n-1): each Default joins the next one twice.
    static func doublingParameters(_ levels: Int) -> String {
        var text = "Parameters:\n"
        for index in 0..<levels - 1 {
            text += "  P\(index):\n    Type: String\n    Default: !Join ['', [!Ref P\(index + 1), !Ref P\(index + 1)]]\n"
        }
        text += "  P\(levels - 1):\n    Type: String\n    Default: '0'\n"
        return text + sshRule("!Ref P0")
    }

    /// Mappings M0…M(n-1): each entry joins the next one twice.
    static func doublingMappings(_ levels: Int) -> String {
        var text = "Mappings:\n"
        for index in 0..<levels - 1 {
            text += "  M\(index):\n    k:\n      v: !Join ['', [!FindInMap [M\(index + 1), k, v], !FindInMap [M\(index + 1), k, v]]]\n"
        }
        text += "  M\(levels - 1):\n    k:\n      v: '0'\n"
        return text + sshRule("!FindInMap [M0, k, v]")
    }

    static func sshRule(_ cidr: String, name: String = "SG") -> String {
        """
        Resources:
          \(name):
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: x
              SecurityGroupIngress:
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: \(cidr)}

        """
    }

    @Test("Defaults and Mappings that double at every level resolve once each and stop at the size limit")
    func exponentialDefaults() throws {
        for (name, template) in [("Parameters", Self.doublingParameters(40)), ("Mappings", Self.doublingMappings(40))] {
            var findings: [Finding] = []
            let elapsed = try Self.seconds {
                findings = try Scan.findings(template, rule: "SSM006", showUnresolved: true)
            }
            #expect(elapsed < 5, "\(name): 40 doubling levels took \(elapsed) s")
            #expect(findings.count == 1)
            #expect(findings.first?.level == .note, "\(name): an unknown, not a finding")
            #expect(findings.first?.message.contains("expands to more than") == true, "\(name): \(findings.first?.message ?? "")")
        }
        // Below the limit the value is exact: 2^10 characters of '0' are not a CIDR, nothing is reported.
        #expect(try Scan.findings(Self.doublingParameters(11), rule: "SSM006", showUnresolved: true).isEmpty)
    }

    @Test("a Default or mapping entry that refers to itself is an unknown, not a hang or a crash")
    func selfReference() throws {
        let parameters = """
            Parameters:
              A: {Type: String, Default: !Join ['', [!Ref B, !Ref B]]}
              B: {Type: String, Default: !Join ['', [!Ref A, !Ref A]]}

            """ + Self.sshRule("!Ref A")
        let parameterFindings = try Scan.findings(parameters, rule: "SSM006", showUnresolved: true)
        #expect(parameterFindings.count == 1 && parameterFindings[0].message.contains("refers to itself"), "\(parameterFindings.map(\.message))")
        let mappings = """
            Mappings:
              M: {k: {v: !Join ['', [!FindInMap [M, k, v], !FindInMap [M, k, w]]], w: !FindInMap [M, k, v]}}

            """ + Self.sshRule("!FindInMap [M, k, v]")
        let mappingFindings = try Scan.findings(mappings, rule: "SSM006", showUnresolved: true)
        #expect(mappingFindings.count == 1 && mappingFindings[0].message.contains("refers to itself"), "\(mappingFindings.map(\.message))")
    }

    @Test("a shared Default gives the same value at every use")
    func sharedDefault() throws {
        let template = """
            Parameters:
              World: {Type: String, Default: !Join ['', ['0.0.0.0', '/0']]}
            Mappings:
              Net: {any: {cidr: !Join ['/', ['0.0.0.0', '0']]}}

            """ + Self.sshRule("!Ref World", name: "One")
            + Self.sshRule("!Ref World", name: "Two").replacingOccurrences(of: "Resources:\n", with: "")
            + Self.sshRule("!FindInMap [Net, any, cidr]", name: "Three").replacingOccurrences(of: "Resources:\n", with: "")
        let findings = try Scan.findings(template, rule: "SSM006")
        #expect(Set(findings.map(\.resource.rawValue)) == ["One", "Two", "Three"])
        #expect(findings.allSatisfy { $0.level == .error })
    }

    @Test("Fn::Join and Fn::Sub text is bounded: a megabyte delimiter between thousands of items stops at the size limit")
    func joinLimit() throws {
        // P4 is 16^5 characters long, each Default joining the previous one 16 times.
        var text = "Parameters:\n  P0: {Type: String, Default: 'aaaaaaaaaaaaaaaa'}\n"
        for index in 1...4 {
            let previous = Array(repeating: "!Ref P\(index - 1)", count: 16).joined(separator: ", ")
            text += "  P\(index): {Type: String, Default: !Join ['', [\(previous)]]}\n"
        }
        // Two gigabytes of text, without the limit.
        let items = Array(repeating: "x", count: 2000).joined(separator: ", ")
        text += Self.sshRule("!Join [!Ref P4, [\(items)]]")
        var findings: [Finding] = []
        let elapsed = try Self.seconds { findings = try Scan.findings(text, rule: "SSM006", showUnresolved: true) }
        #expect(elapsed < 5, "took \(elapsed) s")
        #expect(findings.count == 1 && findings[0].level == .note && findings[0].message.contains("Fn::Join"), "\(findings.map(\.message))")
    }

    // MARK: Addresses

    @Test("Fn::Cidr with host bits or counts at the edges of Int is an unknown, never a trap")
    func cidrEdges() throws {
        #expect(try Self.load(try Self.fixture("cfn-cidr-intmin.yaml")).model.subnets.count == 1)
        let network = try #require(IPNetwork("10.0.0.0/16"))
        for bits in [Int.min, Int.min + 1, -1, 17, 33, 129, Int.max] {
            #expect(network.subdivide(count: 1, hostBits: bits) == nil, "host bits \(bits)")
        }
        for count in [Int.min, -1, 0, 257, Int.max] {
            #expect(network.subdivide(count: count, hostBits: 8) == nil, "count \(count)")
        }
        #expect(network.subdivide(count: 2, hostBits: 8)?.map(\.description) == ["10.0.0.0/24", "10.0.1.0/24"])
        let v6 = try #require(IPNetwork("::/0"))
        #expect(v6.subdivide(count: 1, hostBits: 128)?.map(\.description) == ["0:0:0:0:0:0:0:0/0"])
        #expect(v6.subdivide(count: 2, hostBits: 128) == nil)
        for bits in ["-9223372036854775808", "9223372036854775807", "99999999999999999999", "-1"] {
            let template = "Resources:\n  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n"
                + "      CidrBlock: !Select [0, !Cidr [10.0.0.0/16, 1, \(bits)]]\n"
            let subnet = try #require(try Scan.model(template).subnets.first)
            #expect(subnet.cidrBlock.unresolved != nil, "host bits \(bits)")
        }
    }

    @Test("a CIDR with a trailing space is read like one with a leading space, in both loaders")
    func cidrWhitespace() throws {
        let findings = Engine(rules: BuiltInRules.all.filter { $0.id == "SSM006" })
            .run(RuleContext(model: try Self.load(try Self.fixture("sg-trailing-space.yaml")).model)).findings
        #expect(Set(findings.map(\.resource.rawValue)) == ["Leading", "Trailing"])
        #expect(findings.allSatisfy { $0.message.contains("from 0.0.0.0/0,") }, "\(findings.map(\.message))")
        for text in [" 0.0.0.0/0", "0.0.0.0/0 ", "\t0.0.0.0/0\n", " ::/0 "] {
            #expect(IPNetwork(text)?.isEverything == true, "'\(text)'")
        }
        for text in ["0.0.0.0/ 0", "0.0.0.0/+0", "0.0.0.0/-0", "0.0.0.0/0x"] {
            #expect(IPNetwork(text) == nil, "'\(text)'")
        }
        let plan = try Self.plan([
            "format_version": "1.2", "terraform_version": "1.6.0",
            "planned_values": ["root_module": ["resources": [[
                "address": "aws_security_group.sg", "mode": "managed", "type": "aws_security_group", "name": "sg",
                "values": ["ingress": [["from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0 "],
                                        "ipv6_cidr_blocks": [], "security_groups": [], "self": false, "prefix_list_ids": []]]],
            ]]]],
        ])
        let terraform = Engine(rules: BuiltInRules.all.filter { $0.id == "SSM006" })
            .run(RuleContext(model: try Self.load(plan).model)).findings
        #expect(terraform.map(\.resource.rawValue) == ["aws_security_group.sg"])
    }
}
