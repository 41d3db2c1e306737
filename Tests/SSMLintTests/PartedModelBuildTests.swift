import Foundation
@testable import SSMLintLoaders
import SSMLintModel
import SSMLintYAML
import Synchronization
import Testing

/// Large templates are turned into models in two parts on two cores. The
/// model must be the one a single pass builds, or the parted build must
/// decline (and the single pass is used).
@Suite("CloudFormation models built in two parts")
struct PartedModelBuildTests {
    /// Everything a loaded CloudFormation input holds, as text: each table's
    /// identities in order, then the lines of a dump of every value, sorted,
    /// since the order of sets and dictionaries (some elements hold them) is
    /// the hash table's, not the model's.
    static func describe(_ loaded: LoadedInput) -> String {
        struct Tables: ResourceTableVisitor {
            var order = ""
            var text = ""
            mutating func visit<Element>(_ table: WritableKeyPath<InfrastructureModel, ResourceTable<Element>>, in model: inout InfrastructureModel) {
                order += model[keyPath: table].map(\.id.description).joined(separator: " ") + "\n"
                dump(model[keyPath: table].elements, to: &text)
            }
        }
        var model = loaded.model
        var tables = Tables()
        model.visitTables(&tables)
        var text = tables.text
        dump(model.resources, to: &text)
        dump(model.dnsRecords, to: &text)
        dump(model.elasticIPAssociations, to: &text)
        dump(model.networkACLAssociations, to: &text)
        dump(model.unattachedRoutes, to: &text)
        dump(model.unattachedSecurityGroupRules, to: &text)
        dump(model.unattachedNetworkACLEntries, to: &text)
        dump(model.unattachedEndpointRouteTables, to: &text)
        for set in [model.exportedResources, model.preexistingResources, model.mentionedByAttachingResources] {
            dump(set.map(\.description).sorted(), to: &text)
        }
        dump(model.conditionsFalseByDefault.sorted(), to: &text)
        dump((model.region, model.mayMixRegions, loaded.remarks, loaded.warnings.map(\.message)), to: &text)
        text += model.resources.map(\.info.id.description).joined(separator: " ")
        return tables.order + text.split(separator: "\n").sorted().joined(separator: "\n")
    }

    enum Outcome: Equatable {
        case notATemplate
        case declined
        case same
        case different
    }

    static func compare(_ bytes: [UInt8], options: LoadOptions = LoadOptions()) -> Outcome {
        guard let root = try? YAMLParser.parse(bytes, limits: InputLoader.documentLimits),
              case .cloudFormation = InputKind.of(root) else { return .notATemplate }
        let template = CloudFormationTemplate(root: root)
        let single = CloudFormationModelBuilder.buildInOnePass(file: "t.yaml", template: template, options: options)
        guard let parted = CloudFormationModelBuilder.buildInTwoParts(file: "t.yaml", template: template, options: options) else {
            return .declined
        }
        return describe(single) == describe(parted) ? .same : .different
    }

    /// A template with every kind of resource the builder joins across the
    /// halves: standalone rules, routes and ACL entries and IPv6 blocks whose
    /// targets sit in the other half, policies, conditions, Outputs.
    static func crossingTemplate(pairs: Int) -> String {
        var text = """
        Parameters:
          Cidr: {Type: String, Default: 10.0.0.0/16}
          Open: {Type: String, Default: "no"}
        Conditions:
          IsOpen: !Equals [!Ref Open, "yes"]
          Always: !Equals [a, a]
        Mappings:
          Ports: {ssh: {port: 22}}
        Resources:

        """
        for index in 0..<pairs {
            text += """
              Vpc\(index):
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: !Ref Cidr, EnableDnsSupport: true, EnableDnsHostnames: true}
              Subnet\(index):
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc\(index), CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [0, !GetAZs '']}
              Group\(index):
                Type: AWS::EC2::SecurityGroup
                Properties: {GroupDescription: g, VpcId: !Ref Vpc\(index)}
              Table\(index):
                Type: AWS::EC2::RouteTable
                Properties: {VpcId: !Ref Vpc\(index)}
              Acl\(index):
                Type: AWS::EC2::NetworkAcl
                Properties: {VpcId: !Ref Vpc\(index)}
              Role\(index):
                Type: AWS::IAM::Role
                Properties: {AssumeRolePolicyDocument: {}, RoleName: role\(index)}
              OffByDefault\(index):
                Type: AWS::EC2::InternetGateway
                Condition: IsOpen
              Conditional\(index):
                Type: AWS::EC2::VPCEndpoint
                Condition: Always
                Properties: {VpcId: !Ref Vpc\(index), ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm', VpcEndpointType: Interface, SubnetIds: [!Ref Subnet\(index)], SecurityGroupIds: [!GetAtt Group\(index).GroupId]}

            """
        }
        // The second half adds to resources of the first.
        for index in 0..<pairs {
            text += """
              Ingress\(index):
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupId: !Ref Group\(index), IpProtocol: tcp, FromPort: !FindInMap [Ports, ssh, port], ToPort: 22, CidrIp: 0.0.0.0/0}
              Route\(index):
                Type: AWS::EC2::Route
                Properties: {RouteTableId: !Ref Table\(index), DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref OffByDefault\(index)}
              Entry\(index):
                Type: AWS::EC2::NetworkAclEntry
                Properties: {NetworkAclId: !Ref Acl\(index), RuleNumber: 100, Protocol: -1, RuleAction: allow, CidrBlock: 0.0.0.0/0}
              Block\(index):
                Type: AWS::EC2::SubnetCidrBlock
                Properties: {SubnetId: !Ref Subnet\(index), Ipv6CidrBlock: '2001:db8::/64'}
              Policy\(index):
                Type: AWS::IAM::Policy
                Properties: {PolicyName: p, Roles: [!Ref Role\(index)], PolicyDocument: {Statement: [{Effect: Allow, Action: 'ssm:*', Resource: '*'}]}}

            """
        }
        text += "Outputs:\n  Exported:\n    Value: !Ref Acl0\n    Export: {Name: acl}\n"
        return text
    }

    @Test("a template whose second half adds to the first gives the same model", arguments: [1, 7, 60])
    func crossing(pairs: Int) {
        let bytes = Array(Self.crossingTemplate(pairs: pairs).utf8)
        #expect(Self.compare(bytes) == .same)
        var options = LoadOptions()
        options.includeDefaultOffResources = true
        options.region = "eu-west-1"
        #expect(Self.compare(bytes, options: options) == .same)
    }

    @Test("a large template's ignore directives, read on a second core, are those of the document")
    func largeTemplateDirectives() throws {
        var yaml = "Resources:\n"
        for index in 0..<CloudFormationModelBuilder.partedBuildThreshold {
            yaml += "  Group\(index):\n    Type: AWS::EC2::SecurityGroup\n"
            if index % 500 == 0 {
                yaml += "    Metadata:\n      ssmlint:\n        ignore: [{rule: SSM006, reason: lab \(index)}]\n"
            } else if index == 777 {
                yaml += "    Metadata:\n      ssmlint: [not, a, mapping]\n"
            }
            yaml += "    Properties: {GroupDescription: g, VpcId: vpc-1}\n"
        }
        let root = try #require(try YAMLParser.parse(Array(yaml.utf8)))
        let loaded = CloudFormationLoader.load(root: root, file: "t.yaml", options: LoadOptions())
        let direct = CloudFormationIgnoreDirectives.read(root: root, file: "t.yaml")
        var loadedText = "", directText = ""
        dump(loaded.model.ignoreDirectives, to: &loadedText)
        dump(direct.directives, to: &directText)
        #expect(direct.directives.count == 4)
        #expect(loadedText == directText)
        #expect(loaded.warnings.map(\.message) == direct.warnings.map(\.message))
        #expect(direct.warnings.count == 1)
    }

    @Test("values whose resolution depends on the order make it decline")
    func declines() {
        let cycle = """
        Conditions:
          A: !Condition B
          B: !Condition A
        Resources:
          One: {Type: AWS::EC2::VPC, Condition: A, Properties: {CidrBlock: 10.0.0.0/16}}
          Two: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
        """
        #expect(Self.compare(Array(cycle.utf8)) == .declined)
        let deep = String(repeating: "!Join ['', [", count: 120) + "x" + String(repeating: "]]", count: 120)
        let nested = "Resources:\n  One: {Type: AWS::EC2::VPC, Properties: {CidrBlock: \(deep)}}\n  Two: {Type: AWS::EC2::VPC}\n"
        #expect(Self.compare(Array(nested.utf8)) == .declined)
        // Defaults that double at each level: a half's resolver runs out of its half of the budget.
        let doubling = "Parameters:\n" + (0..<30).map { "  P\($0): {Type: String, Default: !Join ['', [!Ref P\($0 + 1), !Ref P\($0 + 1)]]}\n" }.joined()
            + "  P30: {Type: String, Default: abcdefgh}\nResources:\n"
            + (0..<4).map { "  Vpc\($0): {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Ref P\($0)}}\n" }.joined()
        #expect(Self.compare(Array(doubling.utf8)) == .declined)
        let shallow = String(repeating: "!Join ['', [", count: 20) + "x" + String(repeating: "]]", count: 20)
        let fine = "Resources:\n  One: {Type: AWS::EC2::VPC, Properties: {CidrBlock: \(shallow)}}\n  Two: {Type: AWS::EC2::VPC}\n"
        #expect(Self.compare(Array(fine.utf8)) == .same)
    }

    @Test("every fixture, example and corpus template gives the same model or declines")
    func realTemplates() throws {
        var directories = [Paths.fixtures, Paths.examples, Paths.repository.appendingPathComponent("rules")]
        if Paths.hasShared {
            directories += ["corpus/cfn-real", "corpus/cfn-robustness", "robustness"].map { Paths.shared.appendingPathComponent($0) }
        }
        let files = Paths.documents(under: directories)
        let outcomes = Mutex<[Outcome: Int]>([:])
        let different = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            // Dumping a model is slow in a debug build: the generated large templates cover size.
            guard let data = try? Data(contentsOf: files[index]), data.count <= 256 << 10 else { return }
            let outcome = Self.compare([UInt8](data))
            outcomes.withLock { $0[outcome, default: 0] += 1 }
            if outcome == .different { different.withLock { $0.append(files[index].path) } }
        }
        #expect(different.withLock { $0 } == [])
        let counts = outcomes.withLock { $0 }
        #expect((counts[.same] ?? 0) >= (Paths.hasShared ? 700 : 40), "\(counts)")
        // Real templates do not refer to themselves: nearly all are built in parts.
        #expect((counts[.declined] ?? 0) * 20 <= (counts[.same] ?? 0), "\(counts)")
    }
}
