# Zero-length IPv6 prefixes written out in other forms ("0::0/0" and the fully expanded
# form) are still the whole IPv6 space. The provider keeps both strings verbatim in the plan.
resource "aws_security_group" "short_zero" {
  name        = "ssh-short-zero"
  description = "ssh"

  ingress {
    description      = "SSH from 0::0/0"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    ipv6_cidr_blocks = ["0::0/0"]
  }
}

resource "aws_security_group" "long_zero" {
  name        = "ssh-long-zero"
  description = "ssh"

  ingress {
    description      = "SSH from the fully expanded zero prefix"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    ipv6_cidr_blocks = ["0000:0000:0000:0000:0000:0000:0000:0000/0"]
  }
}
