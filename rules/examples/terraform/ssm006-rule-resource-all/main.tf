# Rules managed as aws_security_group_rule; protocol "all" is stored as "-1" in the plan.
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "legacy" }
}

resource "aws_security_group" "legacy" {
  name        = "legacy-app"
  description = "Legacy application servers"
  vpc_id      = aws_vpc.main.id
}

resource "aws_security_group_rule" "legacy_admin_ingress" {
  type              = "ingress"
  security_group_id = aws_security_group.legacy.id
  description       = "Admin access"
  protocol          = "all"
  from_port         = 0
  to_port           = 65535
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "legacy_egress" {
  type              = "egress"
  security_group_id = aws_security_group.legacy.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}
