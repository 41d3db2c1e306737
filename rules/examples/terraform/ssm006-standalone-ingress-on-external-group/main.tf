# The group is given by ID (outside the plan), but the rule resource itself is in the plan.
resource "aws_security_group_rule" "external_ssh" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  description       = "SSH from anywhere"
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}
