/// `AWS::EC2::NetworkInterface`: an interface created on its own and given to
/// an instance by ID (`NetworkInterfaces: [{NetworkInterfaceId: …}]`) or by an
/// `AWS::EC2::NetworkInterfaceAttachment`. An existing interface never gets an
/// auto-assigned public IPv4 address; only an Elastic IP gives it one.
public struct NetworkInterface: DeclaredResource {
    public var info: ResourceInfo
    public var subnet: Value<ResourceRef>
    /// `GroupSet`; absent means the VPC's default security group.
    public var securityGroups: Value<[Value<ResourceRef>]>
    public var privateIpAddress: Value<String>

    public init(info: ResourceInfo, subnet: Value<ResourceRef>, securityGroups: Value<[Value<ResourceRef>]>,
                privateIpAddress: Value<String>) {
        self.info = info
        self.subnet = subnet
        self.securityGroups = securityGroups
        self.privateIpAddress = privateIpAddress
    }
}

/// `AWS::EC2::NetworkInterfaceAttachment`: an interface attached to a running
/// instance. The primary interface (device index 0) exists from launch, so an
/// attachment adds a secondary one.
public struct NetworkInterfaceAttachment: DeclaredResource {
    public var info: ResourceInfo
    public var instance: Value<ResourceRef>
    public var networkInterface: Value<ResourceRef>
    public var deviceIndex: Value<Int>

    public init(info: ResourceInfo, instance: Value<ResourceRef>, networkInterface: Value<ResourceRef>, deviceIndex: Value<Int>) {
        self.info = info
        self.instance = instance
        self.networkInterface = networkInterface
        self.deviceIndex = deviceIndex
    }
}
