# A TCP range 20-30 from the world contains port 22.
resource "aws_security_group" "range" {
  name        = "range"
  description = "range"

  ingress {
    description = "TCP 20-30 from anywhere"
    from_port   = 20
    to_port     = 30
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
