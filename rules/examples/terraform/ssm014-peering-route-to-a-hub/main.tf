# The private subnet routes the hub CIDR 10.1.0.0/16 over a
# peering connection to a hub VPC owned by another configuration (given by ID), whose
# endpoints may serve the instance. No endpoints in this VPC, no internet path.

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "app" }
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "ap-northeast-1a"

  tags = { Name = "app-private-a" }
}

resource "aws_vpc_peering_connection" "hub" {
  vpc_id      = aws_vpc.main.id
  peer_vpc_id = "vpc-0abcdef0123456789"
  auto_accept = true

  tags = { Name = "app-to-hub" }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block                = "10.1.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.hub.id
  }

  tags = { Name = "app-private" }
}

resource "aws_route_table_association" "private_a" {
  subnet_id      = aws_subnet.private_a.id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "instance" {
  name        = "app"
  description = "Application instances"
  vpc_id      = aws_vpc.main.id

  egress {
    description = "HTTPS to AWS APIs"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private_a.id
  vpc_security_group_ids = [aws_security_group.instance.id]
  iam_instance_profile   = aws_iam_instance_profile.ssm_instance.name

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "app" }
}
