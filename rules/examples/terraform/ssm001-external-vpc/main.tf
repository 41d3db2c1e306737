# A private-DNS ssm interface endpoint in a VPC given by ID: the VPC's DNS attributes are not in
# the plan.

data "aws_region" "current" {}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = "vpc-0123456789abcdef0"
  service_name        = "com.amazonaws.${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  private_dns_enabled = true

  tags = { Name = "app-ssm" }
}
