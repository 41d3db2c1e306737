# Both DNS attributes written as strings (Terraform converts them to booleans): support "true",
# hostnames "false". The ssmmessages endpoint, whose service name is built with join(), asks for
# private DNS with the string "true"; its subnet belongs to another stack.

data "aws_region" "current" {}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = "true"
  enable_dns_hostnames = "false"

  tags = { Name = "app" }
}

resource "aws_vpc_endpoint" "messages" {
  vpc_id              = aws_vpc.main.id
  service_name        = join("", ["com.amazonaws.", data.aws_region.current.name, ".ssmmessages"])
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  private_dns_enabled = "true"

  tags = { Name = "app-ssmmessages" }
}
