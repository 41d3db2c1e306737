# Protocol 50 (ESP) is neither tcp/udp/icmp/icmpv6, so the rule allows all ports; the plan
# keeps the protocol number "50" verbatim.
resource "aws_security_group" "esp" {
  name        = "esp"
  description = "esp"

  ingress {
    description = "ESP from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "50"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
