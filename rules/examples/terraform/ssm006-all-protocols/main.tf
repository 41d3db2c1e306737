# Protocol "-1" with ports 0/0 means every protocol and every port.
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "sandbox" }
}

resource "aws_security_group" "open" {
  name        = "sandbox-open"
  description = "Sandbox: allow everything"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "Everything from anywhere"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
