import Foundation
import SSMLintEngine
import SSMLintPacks
import Testing

/// Templates and Terraform plans reproducing the architectures of the blog posts
/// the project started from (Fixtures/seeds, see its EXPECTATIONS.md), with the
/// findings AWS's documented behaviour calls for, not what the posts claim where
/// they are wrong.
@Suite("Seed architectures")
struct SeedFixtureTests {
    static let expectations: [(String, [String])] = [
        // Private designs without an S3 endpoint (seeds 000, 001, 002) also get the SSM015 note.
        // Seed 000: an AZ without endpoint ENI still works through the other AZs: a warning.
        ("seed000-three-az-experiment.yaml", ["SSM004 warning InstancePrivateD", "SSM015 note VPC"]),
        ("seed000-duplicate-az-subnets.yaml", ["SSM013 error EC2MessagesEndpoint", "SSM013 error SSMEndpoint", "SSM013 error SSMMessagesEndpoint"]),
        // Seed 001: with hosted zones it works; before them the cause is SSM009 (peered endpoint without DNS), never SSM014.
        // Spokes that reach the hub's endpoints are a private design too: the hub's S3 gateway
        // endpoints would not serve them across the peering, so each VPC gets its own note.
        ("seed001-hub-spoke-peering.yaml", ["SSM015 note SharedVPC", "SSM015 note UserVPC"]),
        ("seed001-hub-spoke-before-phz.yaml", ["SSM009 error UserVPCEC2SubA", "SSM015 note SharedVPC"]),
        // One direction's peering route removed: SSM019 on the route table that lacks it.
        ("seed001-hub-spoke-missing-return-route.yaml", ["SSM015 note SharedVPC", "SSM019 error SharedVPCRouteTable"]),
        ("seed001-hub-spoke-missing-spoke-route.yaml", ["SSM015 note SharedVPC", "SSM019 error UserVPCRouteTable"]),
        // The hub endpoint group must admit the spoke CIDR too (ec2messages only a warning).
        ("seed001-hub-endpoint-sg-without-spoke-cidr.yaml", ["SSM003 error SSMEndpoint", "SSM003 error SSMMessagesEndpoint",
                                                             "SSM003 warning EC2MessagesEndpoint", "SSM015 note SharedVPC",
                                                             "SSM015 note UserVPC"]),
        // The zones also associated with the hub, whose endpoints keep private DNS on.
        ("seed001-hub-zones-associated-with-hub.yaml", ["SSM015 note SharedVPC", "SSM015 note UserVPC",
                                                        "SSM018 error EC2MessagesHostedZone", "SSM018 error SSMHostedZone",
                                                        "SSM018 error SSMMessagesHostedZone"]),
        // The same designs as Terraform plans.
        ("terraform/seed001-hub-spoke-peering/plan.json", ["SSM015 note aws_vpc.shared", "SSM015 note aws_vpc.user"]),
        ("terraform/seed001-hub-spoke-before-phz/plan.json", ["SSM009 error aws_instance.user", "SSM015 note aws_vpc.shared"]),
        ("terraform/seed001-hub-spoke-missing-return-route/plan.json", ["SSM015 note aws_vpc.shared", "SSM019 error aws_route_table.shared"]),
        ("terraform/seed001-hub-spoke-missing-spoke-route/plan.json", ["SSM015 note aws_vpc.shared", "SSM019 error aws_route_table.user"]),
        ("terraform/seed001-hub-endpoint-sg-without-spoke-cidr/plan.json", ["SSM003 error aws_vpc_endpoint.ssm",
                                                                            "SSM003 error aws_vpc_endpoint.ssmmessages",
                                                                            "SSM003 warning aws_vpc_endpoint.ec2messages",
                                                                            "SSM015 note aws_vpc.shared", "SSM015 note aws_vpc.user"]),
        ("terraform/seed001-hub-zones-associated-with-hub/plan.json", ["SSM015 note aws_vpc.shared", "SSM015 note aws_vpc.user",
                                                                       "SSM018 error aws_route53_zone.ec2messages",
                                                                       "SSM018 error aws_route53_zone.ssm",
                                                                       "SSM018 error aws_route53_zone.ssmmessages"]),
        // Seed 002: the public SSH instance has no profile, so only SSM006 and SSM007 (the missing profile) concern it.
        ("seed002-public-ssh-private-ssm.yaml", ["SSM006 error InstanceSecurityGroup1", "SSM007 warning Instance1", "SSM015 note VPC"]),
        // Seed 002 trusting "PrivateDnsEnabled defaults to true": CloudFormation's default is false.
        ("seed002-without-private-dns.yaml", ["SSM006 error InstanceSecurityGroup1", "SSM007 warning Instance1", "SSM008 error SSMEndpoint",
                                              "SSM008 error SSMMessagesEndpoint", "SSM008 warning EC2MessagesEndpoint"]),
        ("seed002-minus-endpoints.yaml", ["SSM006 error InstanceSecurityGroup1", "SSM007 warning Instance1", "SSM014 error Instance2"]),
        // Seed 003: NAT-only works but is not private; with endpoints, DNS sends the agent to them.
        ("seed003-nat-only.yaml", ["SSM005 warning PrivateInstance"]),
        ("seed003-endpoints-and-nat.yaml", []),
        // The bastion design uses no Systems Manager: only the missing instance profiles (SSM007,
        // a warning because Default Host Management may stand in). SSH from one /32 and from the
        // bastion's group is not SSH open to the world.
        ("seed003-bastion.yaml", ["SSM007 warning Bastion", "SSM007 warning PrivateInstance"]),
        // The EC2 Instance Connect Endpoint design works (the endpoint group on both sides works
        // whatever client IP preservation is); the instance has no profile, as the post says.
        ("seed003-eic-endpoint.yaml", ["SSM007 warning PrivateInstance"]),
        // Narrowing SSH to the VPC CIDR with client IP preservation on: the client's own address
        // is the source, outside every private range the instance admits (a warning: where
        // clients connect from is not in the template).
        ("seed003-eic-preserve-on-vpc-cidr.yaml", ["SSM007 warning PrivateInstance", "SSM021 warning PrivateInstance"]),
        // The same two as Terraform plans, where preserve_client_ip defaults to true.
        ("terraform/seed003-eic-endpoint/plan.json", ["SSM007 warning aws_instance.private"]),
        ("terraform/seed003-eic-vpc-cidr-default-preservation/plan.json", ["SSM007 warning aws_instance.private",
                                                                            "SSM021 warning aws_instance.private"]),
        // Seed 004: clean; hostnames left off is SSM001 (it replaces SSM008/SSM002/SSM014); ssmmessages is required.
        ("seed004-private-subnet-ssm.yaml", []),
        ("seed004-without-dns-hostnames.yaml", ["SSM001 error VPC"]),
        ("seed004-without-ssmmessages.yaml", ["SSM002 error VPC"]),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var expected: [String]
        var testDescription: String { file }
    }

    static let cases = expectations.map { Case(file: $0.0, expected: $0.1.sorted()) }

    @Test("a seed architecture gives exactly the findings AWS's documented behaviour calls for", arguments: cases)
    func seed(_ item: Case) throws {
        let url = Paths.fixtures.appendingPathComponent("seeds/\(item.file)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let findings = try Scan.findings(text)
        let actual = findings.map { "\($0.ruleID) \($0.level.rawValue) \($0.resource)" }.sorted()
        #expect(actual == item.expected, "\(findings.map(\.message).joined(separator: "\n"))")
    }

    @Test("every seed fixture is covered by an expectation")
    func complete() throws {
        let seeds = Paths.fixtures.appendingPathComponent("seeds")
        let templates = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".yaml") }
        let plans = try FileManager.default.contentsOfDirectory(atPath: seeds.appendingPathComponent("terraform").path)
            .filter { !$0.hasPrefix(".") }.map { "terraform/\($0)/plan.json" }
        #expect(Set(templates + plans) == Set(Self.expectations.map(\.0)))
    }
}
