# An auto scaling group over two subnets whose launch template has no instance profile: one
# finding for the group. Without a profile it is not meant for Session Manager, so no
# connectivity rule looks at it.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"

  tags = { Name = "app" }
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "ap-northeast-1a"
}

resource "aws_subnet" "c" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "ap-northeast-1c"
}

resource "aws_launch_template" "workers" {
  name          = "workers"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_autoscaling_group" "workers" {
  name                = "workers"
  min_size            = 2
  max_size            = 2
  vpc_zone_identifier = [aws_subnet.a.id, aws_subnet.c.id]

  launch_template {
    id      = aws_launch_template.workers.id
    version = "$Latest"
  }
}
