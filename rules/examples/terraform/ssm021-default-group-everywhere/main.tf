# No security group on the endpoint or the instance: the default group's self rule and allow-all egress.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "endpoint" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}

resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_ec2_instance_connect_endpoint" "this" {
  subnet_id = aws_subnet.endpoint.id
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  key_name      = "ops"
  subnet_id     = aws_subnet.app.id
}
