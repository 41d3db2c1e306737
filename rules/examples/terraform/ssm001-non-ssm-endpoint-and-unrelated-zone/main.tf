# DNS attributes left at their defaults (hostnames false), but the only private-DNS endpoint is
# for CloudWatch Logs and the only private hosted zone is internal.example.com: nothing Session
# Manager depends on.

data "aws_region" "current" {}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"

  tags = { Name = "app" }
}

resource "aws_vpc_endpoint" "logs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.logs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  private_dns_enabled = true

  tags = { Name = "app-logs" }
}

resource "aws_route53_zone" "app" {
  name = "internal.example.com"

  vpc {
    vpc_id     = aws_vpc.main.id
    vpc_region = "ap-northeast-1"
  }
}
