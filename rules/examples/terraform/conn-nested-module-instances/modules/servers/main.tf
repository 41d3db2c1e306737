# Two servers per fleet.
resource "aws_instance" "app" {
  count = 2

  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = var.subnet_id
  vpc_security_group_ids = [var.security_group_id]
  iam_instance_profile   = var.instance_profile

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "${var.name}-${count.index}" }
}
