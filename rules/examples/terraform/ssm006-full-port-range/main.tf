# "Temporary" debugging rule: every TCP port from the internet.
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "debug" }
}

resource "aws_security_group" "all_tcp" {
  name        = "debug-all-tcp"
  description = "All TCP ports (debugging)"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "All TCP from anywhere"
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
