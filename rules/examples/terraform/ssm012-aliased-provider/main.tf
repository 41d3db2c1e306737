# Two VPCs: one created through the aws.virginia provider (us-east-1) whose endpoint names us-
# east-1 (right), and one through the default provider (ap-northeast-1) whose endpoint also
# names us-east-1 (wrong).

resource "aws_vpc" "tokyo" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "tokyo" {
  vpc_id            = aws_vpc.tokyo.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "ap-northeast-1a"
}

resource "aws_security_group" "tokyo_endpoints" {
  name        = "tokyo-vpce"
  description = "Systems Manager interface endpoints"
  vpc_id      = aws_vpc.tokyo.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.tokyo.cidr_block]
  }
}

resource "aws_vpc_endpoint" "tokyo_ssm" {
  vpc_id              = aws_vpc.tokyo.id
  service_name        = "com.amazonaws.us-east-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.tokyo.id]
  security_group_ids  = [aws_security_group.tokyo_endpoints.id]
  private_dns_enabled = true
}

resource "aws_vpc" "virginia" {
  provider             = aws.virginia
  cidr_block           = "10.1.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "virginia" {
  provider          = aws.virginia
  vpc_id            = aws_vpc.virginia.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_security_group" "virginia_endpoints" {
  provider    = aws.virginia
  name        = "virginia-vpce"
  description = "Systems Manager interface endpoints"
  vpc_id      = aws_vpc.virginia.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.virginia.cidr_block]
  }
}

resource "aws_vpc_endpoint" "virginia_ssm" {
  provider            = aws.virginia
  vpc_id              = aws_vpc.virginia.id
  service_name        = "com.amazonaws.us-east-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.virginia.id]
  security_group_ids  = [aws_security_group.virginia_endpoints.id]
  private_dns_enabled = true
}
