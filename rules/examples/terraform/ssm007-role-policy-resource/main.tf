# An aws_iam_role_policy grants ssm:UpdateInstanceInformation and ssmmessages:* to the role:
# enough, no finding.

resource "aws_iam_role" "ssm" {
  name = "app-ssm"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_instance_profile" "ssm" {
  name = "app-ssm"
  role = aws_iam_role.ssm.name
}
resource "aws_iam_role_policy" "session_manager" {
  name = "session-manager"
  role = aws_iam_role.ssm.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ssm:UpdateInstanceInformation", "ssmmessages:*"]
      Resource = "*"
    }]
  })
}
resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  iam_instance_profile   = aws_iam_instance_profile.ssm.name

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "app" }
}
