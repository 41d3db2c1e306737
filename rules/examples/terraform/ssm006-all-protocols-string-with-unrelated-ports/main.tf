# Inline protocol "-1" allows every protocol and port whatever range is given: the ports
# 80-80 written here are kept in the plan but do not restrict anything.
resource "aws_security_group" "everything" {
  name        = "everything"
  description = "all"

  ingress {
    description = "All traffic (ports 80-80 are ignored for protocol -1)"
    from_port   = 80
    to_port     = 80
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
