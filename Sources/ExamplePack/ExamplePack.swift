// An example compiled rule pack for ssmlint (docs/rule-packs.md, "Compiled
// packs"). It is a dynamic library exporting the C-shaped, data-only ABI v1:
//
//   const char *ssmlint_pack_v1_manifest(void);         // JSON, owned by the pack
//   char *ssmlint_pack_v1_check(const char *request);    // JSON, freed below
//   void ssmlint_pack_v1_free(char *result);
//
// Its one rule, EXAMPLE001, asks instances and launch templates to require
// IMDSv2 (HttpTokens: required), which Default Host Management Configuration
// needs to manage instances without an instance profile.
import Foundation

private nonisolated(unsafe) let manifest: [String: Any] = [
    "abi": 1,
    "name": "ssmlint-example-pack",
    "version": "1.0.0",
    "rules": [[
        "id": "EXAMPLE001",
        "slug": "imdsv2-required",
        "name": "Instance metadata requires IMDSv2",
        "summary": "Instances and launch templates should require IMDSv2 (HttpTokens: required).",
        "description": "Default Host Management Configuration manages instances without an instance profile only when they use IMDSv2, and IMDSv1 is a common SSRF target. A missing or 'optional' HttpTokens setting allows IMDSv1.",
        "remediation": "Set MetadataOptions.HttpTokens: required (Terraform: metadata_options { http_tokens = \"required\" }).",
        "links": [
            ["title": "Amazon EC2 User Guide: Configure the instance metadata options",
             "url": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html"],
            ["title": "AWS Systems Manager User Guide: Default Host Management Configuration",
             "url": "https://docs.aws.amazon.com/systems-manager/latest/userguide/fleet-manager-default-host-management-configuration.html"],
        ],
        "severity": "warning",
        "securitySeverity": "4.0",
        "tags": ["security", "imds"],
        "resources": ["AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "aws_instance", "aws_launch_template"],
    ]],
]

// Built once, never mutated: the pointer stays valid for the life of the process.
private nonisolated(unsafe) let manifestText: UnsafeMutablePointer<CChar> = {
    let data = try! JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
    return strdup(String(decoding: data, as: UTF8.self))!
}()

@_cdecl("ssmlint_pack_v1_manifest")
public func ssmlintPackManifest() -> UnsafePointer<CChar>? {
    UnsafePointer(manifestText)
}

@_cdecl("ssmlint_pack_v1_check")
public func ssmlintPackCheck(_ request: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    var evaluated: [[String: Any]] = []
    var findings: [[String: Any]] = []
    if let request,
       let object = try? JSONSerialization.jsonObject(with: Data(String(cString: request).utf8)) as? [String: Any],
       let model = object["model"] as? [String: Any],
       let resources = model["resources"] as? [[String: Any]] {
        for resource in resources {
            guard let id = resource["id"] as? String, let type = resource["type"] as? String,
                  let tokens = httpTokens(type: type, properties: resource["properties"]) else { continue }
            evaluated.append(["ruleId": "EXAMPLE001", "resource": id])
            switch tokens {
            case .required, .unknown: continue
            case .missing:
                findings.append(["ruleId": "EXAMPLE001", "resource": id,
                                 "message": "\(id) does not set HttpTokens, so it accepts IMDSv1; require IMDSv2"])
            case .optional:
                findings.append(["ruleId": "EXAMPLE001", "resource": id,
                                 "message": "\(id) sets HttpTokens to optional, so it accepts IMDSv1; require IMDSv2"])
            }
        }
    }
    let response: [String: Any] = ["evaluated": evaluated, "findings": findings]
    guard let data = try? JSONSerialization.data(withJSONObject: response, options: [.sortedKeys]) else { return nil }
    return strdup(String(decoding: data, as: UTF8.self))
}

@_cdecl("ssmlint_pack_v1_free")
public func ssmlintPackFree(_ result: UnsafeMutablePointer<CChar>?) {
    free(result)
}

private enum Tokens { case required, optional, missing, unknown }

/// Reads HttpTokens where each resource type keeps it; `{"$unknown": …}` values stay unknown.
private func httpTokens(type: String, properties: Any?) -> Tokens? {
    let root = properties as? [String: Any] ?? [:]
    let options: Any?
    switch type {
    case "AWS::EC2::Instance": options = root["MetadataOptions"]
    case "AWS::EC2::LaunchTemplate": options = (root["LaunchTemplateData"] as? [String: Any])?["MetadataOptions"]
    case "aws_instance", "aws_launch_template": options = (root["metadata_options"] as? [Any])?.first
    default: return nil
    }
    guard let options else { return .missing }
    guard let map = options as? [String: Any] else { return .unknown }
    if map["$unknown"] != nil { return .unknown }
    let tokens = map["HttpTokens"] ?? map["http_tokens"]
    guard let tokens else { return .missing }
    guard let text = tokens as? String else { return .unknown }
    return text == "required" ? .required : (text.isEmpty ? .missing : .optional)
}
