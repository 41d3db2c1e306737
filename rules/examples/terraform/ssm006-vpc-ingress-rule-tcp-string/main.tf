# ip_protocol is kept verbatim in the plan: "6" and "TCP" are both TCP.
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "ops" }
}

resource "aws_security_group" "ops" {
  name        = "ops-hosts"
  description = "Operations hosts"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "ssh_protocol_number" {
  security_group_id = aws_security_group.ops.id
  description       = "SSH (protocol number)"
  ip_protocol       = "6"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ssh_upper_case" {
  security_group_id = aws_security_group.ops.id
  description       = "SSH (upper-case name)"
  ip_protocol       = "TCP"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "ops_https" {
  security_group_id = aws_security_group.ops.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
