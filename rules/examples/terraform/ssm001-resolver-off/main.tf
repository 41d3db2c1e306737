# Resolver switched off, no DHCP options with custom DNS servers, yet an instance lives
# here. Egress goes to a transit gateway owned by the network account (external, so
# the Session Manager path itself is unknown and only SSM001 trigger B applies).
resource "aws_vpc" "main" {
  cidr_block         = "10.20.0.0/16"
  enable_dns_support = false

  tags = { Name = "batch" }
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.1.0/24"
  availability_zone = "ap-northeast-1a"

  tags = { Name = "batch-private-a" }
}

resource "aws_ec2_transit_gateway_vpc_attachment" "network" {
  transit_gateway_id = "tgw-0123456789abcdef0"
  vpc_id             = aws_vpc.main.id
  subnet_ids         = [aws_subnet.private_a.id]
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block         = "0.0.0.0/0"
    transit_gateway_id = "tgw-0123456789abcdef0"
  }

  tags = { Name = "batch-private" }

  depends_on = [aws_ec2_transit_gateway_vpc_attachment.network]
}

resource "aws_route_table_association" "private_a" {
  subnet_id      = aws_subnet.private_a.id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "batch" {
  name        = "batch"
  description = "Batch workers"
  vpc_id      = aws_vpc.main.id

  egress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "batch" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.private_a.id
  vpc_security_group_ids = [aws_security_group.batch.id]
  iam_instance_profile   = aws_iam_instance_profile.ssm_instance.name

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "batch-worker" }
}
