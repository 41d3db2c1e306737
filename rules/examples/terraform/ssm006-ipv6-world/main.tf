# Dual-stack VPC; the SSH rule is open to the whole IPv6 internet.
resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
  enable_dns_support               = true
  enable_dns_hostnames             = true

  tags = { Name = "dualstack" }
}

resource "aws_security_group" "ssh" {
  name        = "dualstack-ssh"
  description = "SSH over IPv6"
  vpc_id      = aws_vpc.main.id

  ingress {
    description      = "SSH from any IPv6 address"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}
