# 0.0.0.0/1 and 128.0.0.0/1 together admit every IPv4 address.
resource "aws_security_group" "halves" {
  name        = "halves"
  description = "halves"

  ingress {
    description = "SSH from the lower half"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/1"]
  }

  ingress {
    description = "SSH from the upper half"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["128.0.0.0/1"]
  }
}
