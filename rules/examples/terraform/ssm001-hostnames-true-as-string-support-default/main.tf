# A spoke VPC where only enable_dns_hostnames is set (as the string "true");
# enable_dns_support keeps its default true. A private hosted zone for the ssm service name is
# associated with it.

resource "aws_vpc" "spoke" {
  cidr_block           = "172.16.0.0/16"
  enable_dns_hostnames = "true"

  tags = { Name = "spoke" }
}

resource "aws_route53_zone" "ssm" {
  name = "ssm.ap-northeast-1.amazonaws.com"

  vpc {
    vpc_id     = aws_vpc.spoke.id
    vpc_region = "ap-northeast-1"
  }
}
