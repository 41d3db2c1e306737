/// Drawings of the VPCs that have findings, for the HTML report: SVG made by
/// the graph code (Graphviz), or the reason there are none.
public struct NetworkPictures: Sendable {
    public struct Picture: Sendable {
        /// The input (or linked inputs) the VPC is declared in.
        public var input: String
        public var vpc: String
        /// One `<svg>` element, safe to put inline.
        public var svg: String

        public init(input: String, vpc: String, svg: String) {
            self.input = input
            self.vpc = vpc
            self.svg = svg
        }
    }

    public var pictures: [Picture]
    /// Why no pictures could be drawn (Graphviz missing or failing).
    public var unavailable: String?
    /// VPCs with findings left out to keep the report small.
    public var leftOut: Int

    public init(pictures: [Picture] = [], unavailable: String? = nil, leftOut: Int = 0) {
        self.pictures = pictures
        self.unavailable = unavailable
        self.leftOut = leftOut
    }
}
