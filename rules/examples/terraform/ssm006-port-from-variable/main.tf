# Port and source CIDRs come from variables whose defaults open SSH to the world.
variable "ssh_port" {
  description = "Port the SSH daemon listens on"
  type        = number
  default     = 22
}

variable "admin_cidr_blocks" {
  description = "CIDR blocks allowed to administer the hosts"
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "admin" }
}

resource "aws_security_group" "admin" {
  name        = "admin-ssh"
  description = "Administrative SSH"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "SSH for administrators"
    from_port   = var.ssh_port
    to_port     = var.ssh_port
    protocol    = "tcp"
    cidr_blocks = var.admin_cidr_blocks
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
