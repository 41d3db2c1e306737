# SSH from anywhere in two places that expand to several instances: a local module
# called with count (each copy has its own security group) and a standalone rule
# resource with for_each over two groups.

module "bastion" {
  source = "./modules/bastion"
  count  = 2

  name = "bastion-${count.index}"
}

resource "aws_security_group" "jump" {
  for_each = toset(["blue", "green"])

  name        = "jump-${each.key}"
  description = "Jump hosts (${each.key})"
}

resource "aws_security_group_rule" "ssh" {
  for_each = aws_security_group.jump

  type              = "ingress"
  security_group_id = each.value.id
  description       = "SSH from anywhere (${each.key})"
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}
