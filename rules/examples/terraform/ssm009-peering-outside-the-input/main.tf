
# ------------------------------------------------------------------ spoke VPC

resource "aws_vpc" "spoke" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "spoke" {
  vpc_id            = aws_vpc.spoke.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "ap-northeast-1a"
}

resource "aws_route_table" "spoke" {
  vpc_id = aws_vpc.spoke.id
}

resource "aws_route_table_association" "spoke" {
  subnet_id      = aws_subnet.spoke.id
  route_table_id = aws_route_table.spoke.id
}

resource "aws_route" "spoke_to_hub" {
  route_table_id         = aws_route_table.spoke.id
  destination_cidr_block = "10.1.0.0/16"
  vpc_peering_connection_id = "pcx-0123456789abcdef0"
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Instances"
  vpc_id      = aws_vpc.spoke.id

  egress {
    description = "HTTPS to the endpoints and AWS APIs"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.spoke.id
  vpc_security_group_ids = [aws_security_group.app.id]
  iam_instance_profile   = aws_iam_instance_profile.ssm_instance.name

  metadata_options {
    http_tokens = "required"
  }
}
