/// A network interface as declared on an instance or launch template.
public struct NetworkInterfaceSpec: Sendable {
    public var location: SourceLocation
    /// "0" is the primary interface; often given as a string.
    public var deviceIndex: Value<Int>
    public var subnet: Value<ResourceRef>
    public var securityGroups: Value<[Value<ResourceRef>]>
    public var associatePublicIpAddress: Value<Bool>
    public var privateIpAddress: Value<String>
    /// An existing interface attached by ID (`NetworkInterfaceId`, Terraform `network_interface`).
    public var networkInterface: Value<ResourceRef>

    public init(location: SourceLocation, deviceIndex: Value<Int>, subnet: Value<ResourceRef>,
                securityGroups: Value<[Value<ResourceRef>]>, associatePublicIpAddress: Value<Bool>,
                privateIpAddress: Value<String>, networkInterface: Value<ResourceRef> = .absent) {
        self.location = location
        self.deviceIndex = deviceIndex
        self.subnet = subnet
        self.securityGroups = securityGroups
        self.associatePublicIpAddress = associatePublicIpAddress
        self.privateIpAddress = privateIpAddress
        self.networkInterface = networkInterface
    }
}

extension LaunchTemplate {
    /// A launch configuration (`AWS::AutoScaling::LaunchConfiguration`,
    /// `aws_launch_configuration`) carries the same instance settings, its public
    /// IP switch standing for the primary interface's.
    public static func launchConfiguration(info: ResourceInfo, securityGroups: Value<[Value<ResourceRef>]>,
                                           associatePublicIpAddress: Value<Bool>, instanceProfile: Value<ResourceRef>,
                                           keyName: Value<String>) -> LaunchTemplate {
        let interfaces = associatePublicIpAddress.isAbsent ? [] : [NetworkInterfaceSpec(
            location: info.location, deviceIndex: .known(0), subnet: .absent, securityGroups: .absent,
            associatePublicIpAddress: associatePublicIpAddress, privateIpAddress: .absent)]
        return LaunchTemplate(info: info, securityGroups: securityGroups, networkInterfaces: interfaces,
                              instanceProfile: instanceProfile, keyName: keyName)
    }
}

/// `AWS::EC2::Instance` / `aws_instance`.
public struct Instance: DeclaredResource {
    public var info: ResourceInfo
    public var subnet: Value<ResourceRef>
    public var securityGroups: Value<[Value<ResourceRef>]>
    /// Instance-level public IP switch (Terraform `associate_public_ip_address`).
    public var associatePublicIpAddress: Value<Bool>
    public var privateIpAddress: Value<String>
    public var networkInterfaces: [NetworkInterfaceSpec]
    /// The instance profile, by name (CloudFormation `IamInstanceProfile`).
    public var instanceProfile: Value<ResourceRef>
    public var keyName: Value<String>
    public var launchTemplate: Value<ResourceRef>

    public init(info: ResourceInfo, subnet: Value<ResourceRef>, securityGroups: Value<[Value<ResourceRef>]>,
                associatePublicIpAddress: Value<Bool>, privateIpAddress: Value<String>,
                networkInterfaces: [NetworkInterfaceSpec], instanceProfile: Value<ResourceRef>,
                keyName: Value<String>, launchTemplate: Value<ResourceRef>) {
        self.info = info
        self.subnet = subnet
        self.securityGroups = securityGroups
        self.associatePublicIpAddress = associatePublicIpAddress
        self.privateIpAddress = privateIpAddress
        self.networkInterfaces = networkInterfaces
        self.instanceProfile = instanceProfile
        self.keyName = keyName
        self.launchTemplate = launchTemplate
    }
}

/// `AWS::EC2::LaunchTemplate` / `aws_launch_template` (the instance settings it carries).
public struct LaunchTemplate: DeclaredResource {
    public var info: ResourceInfo
    public var securityGroups: Value<[Value<ResourceRef>]>
    public var networkInterfaces: [NetworkInterfaceSpec]
    public var instanceProfile: Value<ResourceRef>
    public var keyName: Value<String>

    public init(info: ResourceInfo, securityGroups: Value<[Value<ResourceRef>]>, networkInterfaces: [NetworkInterfaceSpec],
                instanceProfile: Value<ResourceRef>, keyName: Value<String>) {
        self.info = info
        self.securityGroups = securityGroups
        self.networkInterfaces = networkInterfaces
        self.instanceProfile = instanceProfile
        self.keyName = keyName
    }
}

/// `AWS::AutoScaling::AutoScalingGroup` / `aws_autoscaling_group`.
public struct AutoScalingGroup: DeclaredResource {
    public var info: ResourceInfo
    /// `VPCZoneIdentifier`: one launched instance per subnet is a compute target.
    public var subnets: Value<[Value<ResourceRef>]>
    public var launchTemplate: Value<ResourceRef>

    public init(info: ResourceInfo, subnets: Value<[Value<ResourceRef>]>, launchTemplate: Value<ResourceRef>) {
        self.info = info
        self.subnets = subnets
        self.launchTemplate = launchTemplate
    }
}
