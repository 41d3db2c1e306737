# Instance role for Session Manager: EC2 trust + AmazonSSMManagedInstanceCore.
resource "aws_iam_role" "ssm_instance" {
  name = "app-ssm-instance"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "ssm_core" {
  role       = aws_iam_role.ssm_instance.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "ssm_instance" {
  name = "app-ssm-instance"
  role = aws_iam_role.ssm_instance.name
}
