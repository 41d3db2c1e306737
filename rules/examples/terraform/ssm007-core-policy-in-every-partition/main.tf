# AmazonSSMManagedInstanceCore attached with the aws and the aws-cn partition in the ARN: both
# grant, so no finding. The instances have no subnet (default VPC), which keeps the connectivity
# rules out of the case.

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
resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  iam_instance_profile   = aws_iam_instance_profile.ssm.name

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "app" }
}
resource "aws_iam_role" "china" {
  name = "app-china"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com.cn" }
    }]
  })
}

resource "aws_iam_instance_profile" "china" {
  name = "app-china"
  role = aws_iam_role.china.name
}
resource "aws_iam_role_policy_attachment" "china_core" {
  role       = aws_iam_role.china.name
  policy_arn = "arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore"
}
resource "aws_instance" "china" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  iam_instance_profile   = aws_iam_instance_profile.china.name

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "china" }
}
