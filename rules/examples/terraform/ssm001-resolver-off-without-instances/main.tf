# enable_dns_support = false in a VPC without endpoints, zones or compute targets.

resource "aws_vpc" "main" {
  cidr_block         = "10.0.0.0/16"
  enable_dns_support = false

  tags = { Name = "app" }
}
