# S3 endpoint without vpc_endpoint_type: the default Gateway type is right for S3.

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
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.ap-northeast-1.s3"
  route_table_ids = [aws_route_table.main.id]

  tags = { Name = "app-s3" }
}
