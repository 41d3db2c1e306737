import Foundation
import SSMLintEngine
import SSMLintLoaders
import SSMLintRules
import Testing

/// A scan without rule packs loads its inputs without the generic property
/// trees (`LoadOptions.keepsResourceProperties`), which on a large input are
/// a third of the model. Nothing the built-in rules or the analysis decide may
/// depend on them; the rule-pack tests show that a scan with a pack keeps them.
@Suite("Inputs loaded without property trees")
struct PropertyTreeTests {
    @Test("every fixture and example gives the same findings with and without property trees")
    func sameFindings() throws {
        var lean = LoadOptions()
        lean.keepsResourceProperties = false
        let engine = Engine(rules: BuiltInRules.all, options: Engine.Options(showUnresolved: true))
        var compared = 0
        var instanceConnect = 0
        for file in Self.inputs() {
            let bytes = try Array(Data(contentsOf: file))
            guard case .success(let full) = InputLoader.load(bytes: bytes, file: file.lastPathComponent, options: LoadOptions()),
                  case .success(let without) = InputLoader.load(bytes: bytes, file: file.lastPathComponent, options: lean)
            else { continue }
            #expect(without.model.resources.allSatisfy { $0.properties.entries?.isEmpty == true }, "\(file.path)")
            #expect(without.model.resources.map(\.info.id) == full.model.resources.map(\.info.id), "\(file.path)")
            #expect(without.model.mentionedByAttachingResources == full.model.mentionedByAttachingResources, "\(file.path)")
            let expected = Self.summary(engine.run(RuleContext(model: full.model)))
            #expect(Self.summary(engine.run(RuleContext(model: without.model))) == expected, "\(file.path)")
            compared += 1
            if !full.model.instanceConnectEndpoints.isEmpty { instanceConnect += 1 }
        }
        #expect(compared > 50, "only \(compared) inputs loaded")
        // The one analysis that used to read property trees: which groups only endpoints carry.
        #expect(instanceConnect > 0)
    }

    @Test("a security group that only an EC2 Instance Connect Endpoint carries is told apart without property trees")
    func instanceConnectGroupsWithoutTrees() throws {
        var lean = LoadOptions()
        lean.keepsResourceProperties = false
        let template = """
            Resources:
              VPC: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
              Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.1.0/24}}
              EndpointGroup: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: eic, VpcId: !Ref VPC}}
              SharedGroup: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: shared, VpcId: !Ref VPC}}
              Endpoint:
                Type: AWS::EC2::InstanceConnectEndpoint
                Properties: {SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref EndpointGroup, !Ref SharedGroup]}
              Interface:
                Type: AWS::EC2::NetworkInterface
                Properties: {SubnetId: !Ref Subnet, GroupSet: [!GetAtt SharedGroup.GroupId]}
            """
        guard case .success(let loaded) = InputLoader.load(bytes: Array(template.utf8), file: "t.yaml", options: lean) else {
            Issue.record("the template did not load")
            return
        }
        #expect(loaded.model.mentionedByAttachingResources.contains(ResourceID("SharedGroup")))
        #expect(!loaded.model.mentionedByAttachingResources.contains(ResourceID("EndpointGroup")))
        let groups = NetworkAnalysis(model: loaded.model).instanceConnectGroups()
        #expect(groups.endpointOnlyGroups == [ResourceID("EndpointGroup")])
    }

    static func summary(_ result: Engine.Result) -> [String] {
        result.findings.map {
            "\($0.ruleID) \($0.level) \($0.resource) \($0.location.range.start.line):\($0.location.range.start.column) "
                + "\($0.key) \($0.message) | \($0.fix ?? "") | \($0.related.map(\.message))"
        } + result.evaluations.map { "evaluated \($0.ruleID) \($0.resource)" }
    }

    /// Templates and plans among the test fixtures and the bundled examples.
    static func inputs() -> [URL] {
        var files: [URL] = []
        for root in [Paths.fixtures, Paths.examples] {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["yaml", "yml", "json", "template"].contains(url.pathExtension) {
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}
