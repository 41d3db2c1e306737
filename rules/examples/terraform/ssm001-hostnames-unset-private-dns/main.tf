# enable_dns_hostnames is not set (default false; unknown in the plan) but the
# ssm endpoint asks for private DNS.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"

  tags = { Name = "workloads" }
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "ap-northeast-1a"

  tags = { Name = "workloads-private-a" }
}

resource "aws_security_group" "endpoints" {
  name        = "workloads-vpce"
  description = "Interface endpoints"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.ap-northeast-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.private_a.id]
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = { Name = "workloads-ssm" }
}
