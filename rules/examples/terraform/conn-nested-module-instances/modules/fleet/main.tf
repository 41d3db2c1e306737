# One fleet: its security group and two servers from the sibling module.
variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "instance_profile" {
  type = string
}

resource "aws_security_group" "servers" {
  name        = "fleet-${var.name}"
  description = "Fleet ${var.name}"
  vpc_id      = var.vpc_id

  egress {
    description = "HTTPS to AWS APIs"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "servers" {
  source = "../servers"

  name              = var.name
  subnet_id         = var.subnet_id
  security_group_id = aws_security_group.servers.id
  instance_profile  = var.instance_profile
}
