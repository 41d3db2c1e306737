# One endpoint per subnet with count: the second endpoint in the VPC hits the quota of one per VPC.

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
  count     = 2
  subnet_id = [aws_subnet.endpoint.id, aws_subnet.app.id][count.index]
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  key_name      = "ops"
  subnet_id     = aws_subnet.app.id
}
