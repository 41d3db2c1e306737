# Newer per-rule resources: all traffic from ::/0.
resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
  enable_dns_support               = true
  enable_dns_hostnames             = true

  tags = { Name = "ipv6-lab" }
}

resource "aws_security_group" "lab" {
  name        = "ipv6-lab"
  description = "IPv6 lab hosts"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "lab_all_ipv6" {
  security_group_id = aws_security_group.lab.id
  description       = "All traffic over IPv6"
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "lab_all" {
  security_group_id = aws_security_group.lab.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
