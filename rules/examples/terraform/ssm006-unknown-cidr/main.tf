# SSH source is the public IP of an Elastic IP created in the same plan: unknown until apply.
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "ci" }
}

resource "aws_eip" "ci_runner" {
  domain = "vpc"

  tags = { Name = "ci-runner" }
}

resource "aws_security_group" "deploy_ssh" {
  name        = "deploy-ssh"
  description = "SSH from the CI runner only"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "SSH from the CI runner"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["${aws_eip.ci_runner.public_ip}/32"]
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "deploy_ssh_rule" {
  security_group_id = aws_security_group.deploy_ssh.id
  description       = "SSH from the CI runner (rule resource)"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "${aws_eip.ci_runner.public_ip}/32"
}
