// Bastion security group. The heredoc below holds text that looks like a block
/* resource "aws_security_group" "ssh" { a comment, not a block } */
variable "name" {
  type = string
}

locals {
  banner = <<-EOT
    resource "aws_security_group" "ssh" {
      # inside a heredoc: not a block either
    }
  EOT
  braces = "{ ${var.name} } \" }"
}

resource "aws_security_group" "ssh" {
  name        = var.name
  description = "Bastion ${var.name}"

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = { Banner = local.banner, Braces = local.braces }
}
