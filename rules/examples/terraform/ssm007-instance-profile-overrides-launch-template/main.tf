# The launch template has the Session Manager profile, but the instance sets its own profile (S3
# read only), which wins.

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
resource "aws_iam_role_policy_attachment" "ssm_core" {
  role       = aws_iam_role.ssm.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}
resource "aws_iam_role" "app_role" {
  name = "app-app-role"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_instance_profile" "app_role" {
  name = "app-app-role"
  role = aws_iam_role.app_role.name
}
resource "aws_iam_role_policy_attachment" "s3_read" {
  role       = aws_iam_role.app_role.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}
resource "aws_launch_template" "app" {
  name          = "app"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  iam_instance_profile {
    name = aws_iam_instance_profile.ssm.name
  }
}

resource "aws_instance" "app" {
  iam_instance_profile = aws_iam_instance_profile.app_role.name

  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }

  tags = { Name = "app" }
}
