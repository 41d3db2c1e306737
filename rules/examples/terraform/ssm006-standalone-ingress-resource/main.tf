# The group has no inline rules; SSH from anywhere is a standalone aws_security_group_rule,
# which carries the finding.
resource "aws_security_group" "group" {
  name        = "group"
  description = "group"
}

resource "aws_security_group_rule" "ssh_from_anywhere" {
  type              = "ingress"
  security_group_id = aws_security_group.group.id
  description       = "SSH from anywhere"
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}
