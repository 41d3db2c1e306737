# The group exists only when allow_ssh is true; the default is false, so count = 0 and the
# plan creates nothing.
variable "allow_ssh" {
  type    = bool
  default = false
}

resource "aws_security_group" "maybe_ssh" {
  count = var.allow_ssh ? 1 : 0

  name        = "optional-ssh"
  description = "optional ssh"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
