# SSH from anywhere added to the VPC default security group with a standalone rule resource
# (the default group itself is not managed here).
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"

  tags = { Name = "main" }
}

resource "aws_vpc_security_group_ingress_rule" "default_ssh" {
  security_group_id = aws_vpc.main.default_security_group_id
  description       = "SSH from anywhere"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "0.0.0.0/0"
}
