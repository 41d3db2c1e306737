# S3 endpoint without vpc_endpoint_type (Gateway) but with private_dns_enabled = true, which
# only Interface endpoints support.

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "app" }
}

resource "aws_route_table" "main" {
  vpc_id = aws_vpc.main.id

  tags = { Name = "app" }
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.ap-northeast-1.s3"
  private_dns_enabled = true
  route_table_ids     = [aws_route_table.main.id]

  tags = { Name = "app-s3" }
}
