# The variable default (2222) is harmless; terraform.tfvars sets ssh_port = 22.
variable "ssh_port" {
  description = "Port the SSH daemon listens on"
  type        = number
  default     = 2222
}

resource "aws_security_group" "group" {
  name        = "group"
  description = "ssh"

  ingress {
    description = "SSH"
    from_port   = var.ssh_port
    to_port     = var.ssh_port
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
