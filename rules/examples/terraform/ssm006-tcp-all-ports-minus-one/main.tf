# TCP with from_port = to_port = -1 means every TCP port.
resource "aws_security_group" "any_port" {
  name        = "any-port"
  description = "any port"

  ingress {
    description = "Any TCP port from anywhere"
    from_port   = -1
    to_port     = -1
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
