# Network owned by another stack: the subnet and VPC are referenced by ID, so their route
# tables, endpoints and DNS are unknown to this plan.
resource "aws_security_group" "instance" {
  name        = "app"
  description = "Application instances"
  vpc_id      = "vpc-0123456789abcdef0"

  egress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.instance.id]
  iam_instance_profile   = aws_iam_instance_profile.ssm_instance.name

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "app" }
}
