import Foundation
@testable import ssmlint
import SSMLintAnalysis
import SSMLintEngine
import SSMLintLoaders
import SSMLintModel
import SSMLintRules
import Testing

/// Values real configurations compute in ways plan JSON only half records:
/// `each.value` over another resource's instances, module output lists
/// indexed by `count.index`, and `vpc_id` set through a local.
@Suite("Terraform resolution")
struct TerraformResolutionTests {
    static func load(_ bytes: [UInt8]) throws -> LoadedInput {
        try InputLoader.load(bytes: bytes, file: "plan.json", options: LoadOptions()).get()
    }

    static func findings(_ model: InfrastructureModel) -> [String] {
        Engine(rules: BuiltInRules.all).run(RuleContext(model: model)).findings
            .map { "\($0.ruleID) \($0.level.rawValue) \($0.resource)" }.sorted()
    }

    /// The case's plan with `edit` applied to its JSON object.
    static func edited(_ name: String, _ edit: (inout [String: Any]) throws -> Void) throws -> [UInt8] {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(TerraformLoaderTests.plan(name))) as? [String: Any])
        try edit(&object)
        return [UInt8](try JSONSerialization.data(withJSONObject: object))
    }

    @Test("each.value.id of a for_each over endpoint instances names the endpoint with the same key")
    func eachValueOverResourceInstances() throws {
        let model = try Self.load(try TerraformLoaderTests.plan("conn-for-each-endpoint-subnet-associations")).model
        for service in ["ssm", "ssmmessages", "ec2messages"] {
            let endpoint = try #require(model.vpcEndpoints[ResourceID("aws_vpc_endpoint.this[\"\(service)\"]")])
            #expect(endpoint.subnets.known?.compactMap(\.known) == [.declared("aws_subnet.private_a")])
        }
    }

    @Test("an association whose endpoint cannot be resolved leaves no endpoint without subnets")
    func unresolvedAssociationIsUnknown() throws {
        let bytes = try Self.edited("conn-for-each-endpoint-subnet-associations") { plan in
            // The association's vpc_endpoint_id now comes from a local (unrecorded in plan JSON).
            var configuration = plan["configuration"] as! [String: Any]
            var root = configuration["root_module"] as! [String: Any]
            var resources = root["resources"] as! [[String: Any]]
            let index = try #require(resources.firstIndex { $0["address"] as? String == "aws_vpc_endpoint_subnet_association.this" })
            var expressions = resources[index]["expressions"] as! [String: Any]
            expressions["vpc_endpoint_id"] = ["references": ["local.endpoint_id"]]
            resources[index]["expressions"] = expressions
            root["resources"] = resources
            configuration["root_module"] = root
            plan["configuration"] = configuration
        }
        let model = try Self.load(bytes).model
        for endpoint in model.vpcEndpoints {
            let subnets = try #require(endpoint.subnets.known)
            #expect(!subnets.isEmpty && subnets.contains { $0.unresolved != nil })
        }
        let found = Self.findings(model)
        #expect(!found.contains { $0.hasPrefix("SSM013") })
        #expect(!found.contains { $0.hasPrefix("SSM004") })
    }

    @Test("candidates that all name the same resource decide the value")
    func agreeingCandidates() throws {
        let bytes = try Self.edited("conn-for-each-endpoint-subnet-associations") { plan in
            // `subnet_id = var.a ? aws_subnet.private_a.id : aws_subnet.private_a.id` lists the traversal twice.
            var configuration = plan["configuration"] as! [String: Any]
            var root = configuration["root_module"] as! [String: Any]
            var resources = root["resources"] as! [[String: Any]]
            let index = try #require(resources.firstIndex { $0["address"] as? String == "aws_vpc_endpoint_subnet_association.this" })
            var expressions = resources[index]["expressions"] as! [String: Any]
            expressions["subnet_id"] = ["references": ["var.a", "aws_subnet.private_a.id", "aws_subnet.private_a", "aws_subnet.private_a.id"]]
            resources[index]["expressions"] = expressions
            root["resources"] = resources
            configuration["root_module"] = root
            plan["configuration"] = configuration
        }
        let model = try Self.load(bytes).model
        #expect(model.vpcEndpoints[ResourceID("aws_vpc_endpoint.this[\"ssm\"]")]?.subnets.known?.compactMap(\.known) == [.declared("aws_subnet.private_a")])
    }

    @Test("a subnet that is one of two subnets of one VPC decides the VPC and the way out, not the subnet")
    func candidateSubnetsAgree() throws {
        let model = try Self.load(try TerraformLoaderTests.plan("conn-conditional-subnet-same-vpc")).model
        let subnet = try #require(model.instances["aws_instance.app"]?.subnet.unresolved)
        #expect(subnet.candidates == ["aws_subnet.private_a", "aws_subnet.private_c"])
        // The known variable that picks the branch is not a candidate.
        #expect(subnet.reason == "'subnet_id' is one of 2 values (aws_subnet.private_a, aws_subnet.private_c)")
        let analysis = NetworkAnalysis(model: model)
        let target = try #require(analysis.targets.first)
        #expect(target.vpc == .known(.declared("aws_vpc.main")))
        #expect(analysis.internetAccess(of: target).isNone)
        #expect(analysis.zone(of: target.subnet).unresolved != nil)
        #expect(Self.findings(model) == ["SSM002 error aws_vpc.main"])
    }

    @Test("a list unknown at plan time keeps its literal items")
    func listKeepsKnownItems() throws {
        let bytes = try Self.edited("conn-for-each-endpoint-subnet-associations") { plan in
            // `security_group_ids = [var.extra, aws_security_group.endpoints.id]`.
            plan["variables"] = ["extra": ["value": "sg-0123456789abcdef0"]]
            var configuration = plan["configuration"] as! [String: Any]
            var root = configuration["root_module"] as! [String: Any]
            var resources = root["resources"] as! [[String: Any]]
            let index = try #require(resources.firstIndex { $0["address"] as? String == "aws_vpc_endpoint.this" })
            var expressions = resources[index]["expressions"] as! [String: Any]
            expressions["security_group_ids"] = ["references": ["var.extra", "aws_security_group.endpoints.id", "aws_security_group.endpoints"]]
            resources[index]["expressions"] = expressions
            root["resources"] = resources
            configuration["root_module"] = root
            plan["configuration"] = configuration
        }
        let model = try Self.load(bytes).model
        let groups = model.vpcEndpoints[ResourceID("aws_vpc_endpoint.this[\"ssm\"]")]?.securityGroups.known?.compactMap(\.known)
        #expect(groups == [.external("sg-0123456789abcdef0"), .declared("aws_security_group.endpoints")])
    }

    @Test("module.network.private_subnet_ids[count.index] resolves per instance")
    func moduleListByCountIndex() throws {
        let model = try Self.load(try TerraformLoaderTests.plan("conn-module-subnet-by-count-index")).model
        #expect(model.instances["aws_instance.app[0]"]?.subnet == .known(.declared("module.network.aws_subnet.private[0]")))
        #expect(model.instances["aws_instance.app[1]"]?.subnet == .known(.declared("module.network.aws_subnet.private[1]")))
    }

    @Test("vpc_id through a local, in a module instance planning one VPC, is that VPC and says so")
    func localVPCInOneVPCModule() throws {
        let loaded = try Self.load(try TerraformLoaderTests.plan("conn-vpc-module-local-vpc-id"))
        let vpc = ResourceRef.declared("module.vpc.aws_vpc.this[0]")
        for index in 0..<2 {
            let subnet = ResourceID("module.vpc.aws_subnet.private[\(index)]")
            #expect(loaded.model.subnets[subnet]?.vpc == .known(vpc))
            let inference = try #require(loaded.model.inferences[subnet]?.first)
            #expect(inference.attribute == "vpc_id" && inference.value == "module.vpc.aws_vpc.this[0]")
            #expect(inference.reason.contains("local.vpc_id") && inference.reason.contains("only VPC"))
        }
        #expect(loaded.model.routeTables["module.vpc.aws_route_table.private[0]"]?.vpc == .known(vpc))
        #expect(loaded.remarks.contains { $0.hasPrefix("vpc_id of 3 resources") && $0.contains("module.vpc.aws_vpc.this[0]") })
        let paths = PathsCommand.describe(NetworkAnalysis(model: loaded.model))
        #expect(paths.contains("  inferred:    vpc_id of module.vpc.aws_subnet.private[0] inferred as module.vpc.aws_vpc.this[0]"))
        #expect(paths.contains("VPC module.vpc.aws_vpc.this[0]"))
    }

    @Test("no inference when the module may be handed a VPC ID or plans another VPC")
    func localVPCNotInferredWhenAmbiguous() throws {
        func withModuleCall(_ edit: @escaping (inout [String: Any]) -> Void) throws -> [UInt8] {
            try Self.edited("conn-vpc-module-local-vpc-id") { plan in
                var configuration = plan["configuration"] as! [String: Any]
                var root = configuration["root_module"] as! [String: Any]
                var calls = root["module_calls"] as! [String: Any]
                var call = calls["vpc"] as! [String: Any]
                edit(&call)
                calls["vpc"] = call
                root["module_calls"] = calls
                configuration["root_module"] = root
                plan["configuration"] = configuration
            }
        }
        let handed = try withModuleCall { call in
            var expressions = call["expressions"] as! [String: Any]
            expressions["vpc_id"] = ["constant_value": "vpc-0123456789abcdef0"]
            call["expressions"] = expressions
        }
        let second = try Self.edited("conn-vpc-module-local-vpc-id") { plan in
            // A second VPC planned by the same module instance.
            var planned = plan["planned_values"] as! [String: Any]
            var root = planned["root_module"] as! [String: Any]
            var children = root["child_modules"] as! [[String: Any]]
            var resources = children[0]["resources"] as! [[String: Any]]
            var copy = try #require(resources.first { $0["type"] as? String == "aws_vpc" })
            copy["address"] = "module.vpc.aws_vpc.other"
            copy["name"] = "other"
            copy.removeValue(forKey: "index")
            resources.append(copy)
            children[0]["resources"] = resources
            root["child_modules"] = children
            planned["root_module"] = root
            plan["planned_values"] = planned
        }
        for bytes in [handed, second] {
            let loaded = try Self.load(bytes)
            #expect(loaded.model.inferences.isEmpty)
            #expect(loaded.model.subnets["module.vpc.aws_subnet.private[0]"]?.vpc.unresolved != nil)
            #expect(!Self.findings(loaded.model).contains { $0.hasPrefix("SSM002") })
        }
    }
}
