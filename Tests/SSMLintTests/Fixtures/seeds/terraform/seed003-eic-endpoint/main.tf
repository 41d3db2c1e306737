# Seed 003, variant "EC2 Instance Connect Endpoint サービス経由": an EC2 Instance Connect Endpoint in
# the instance's private subnet; its group has no inbound rules and allows SSH out to the
# instance's group, which admits SSH from the endpoint's group. preserve_client_ip is left at the
# provider's default (true): with the group reference on both sides it works either way. The
# instance has a key pair, no public IPv4 address and no instance profile.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "ap-northeast-1a"
}

resource "aws_security_group" "endpoint" {
  name        = "eic-endpoint"
  description = "No inbound rules; SSH out to the instances"
  vpc_id      = aws_vpc.main.id
}

resource "aws_security_group" "instance" {
  name        = "eic-instance"
  description = "SSH from the EC2 Instance Connect Endpoint group"
  vpc_id      = aws_vpc.main.id

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_egress_rule" "endpoint_ssh_out" {
  security_group_id            = aws_security_group.endpoint.id
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
  referenced_security_group_id = aws_security_group.instance.id
}

resource "aws_vpc_security_group_ingress_rule" "instance_ssh_from_endpoint" {
  security_group_id            = aws_security_group.instance.id
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
  referenced_security_group_id = aws_security_group.endpoint.id
}

resource "aws_ec2_instance_connect_endpoint" "this" {
  subnet_id          = aws_subnet.private.id
  security_group_ids = [aws_security_group.endpoint.id]
}

resource "aws_instance" "private" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  key_name               = "private-key"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.instance.id]
}
