import SSMLintEngine
import Testing

@Suite("Globs")
struct GlobTests {
    @Test("*, **, ?, classes and escapes", arguments: [
        ("*.yaml", "a.yaml", true), ("*.yaml", "infra/a.yaml", false),
        ("infra/**", "infra/a/b/c.json", true), ("infra/**", "other/a.json", false),
        ("**/cdk.out/*.template.json", "cdk.out/App.template.json", true),
        ("**/cdk.out/*.template.json", "apps/web/cdk.out/App.template.json", true),
        ("**/node_modules/**", "web/node_modules/x/y.yaml", true),
        ("stack?.yaml", "stack1.yaml", true), ("stack?.yaml", "stack10.yaml", false),
        ("[a-c]*.yaml", "b.yaml", true), ("[!a-c]*.yaml", "b.yaml", false),
        ("infra/\\[draft\\]/*.yaml", "infra/[draft]/a.yaml", true),
        ("", "", true), ("a", "", false),
    ])
    func matching(_ pattern: String, _ text: String, _ expected: Bool) throws {
        #expect(try Glob(pattern).matches(text) == expected)
    }

    @Test("resource-name globs: brackets are literal and * crosses everything", arguments: [
        ("module.bastion.*", "module.bastion.aws_security_group.ssh[0]", true),
        ("module.bastion.*", "module.other.aws_security_group.ssh", false),
        ("aws_instance.app[0]", "aws_instance.app[0]", true),
        ("aws_instance.app[0]", "aws_instance.app0", false),
        ("aws_vpc_endpoint.ep[\"ssm*\"]", "aws_vpc_endpoint.ep[\"ssmmessages\"]", true),
        ("*.ep[\"a/b\"]", "module.x.aws_vpc_endpoint.ep[\"a/b\"]", true),
        ("Bastion?", "Bastion1", true),
    ])
    func resourceNames(_ pattern: String, _ text: String, _ expected: Bool) throws {
        #expect(try Glob(pattern, kind: .resourceName).matches(text) == expected)
    }

    @Test("malformed patterns are rejected; hostile ones stay fast")
    func robustness() throws {
        #expect(throws: Glob.Invalid.self) { try Glob("[abc") }
        #expect(throws: Glob.Invalid.self) { try Glob("[z-a]") }
        #expect(throws: Glob.Invalid.self) { try Glob("trailing\\") }
        let hostile = try Glob(String(repeating: "*a", count: 200) + "b")
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = hostile.matches(String(repeating: "a", count: 2000)) }
        #expect(elapsed < .seconds(2))
    }
}
