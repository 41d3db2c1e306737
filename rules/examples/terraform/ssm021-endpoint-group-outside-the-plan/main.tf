# The endpoint group is given by ID, so its rules are unknown.

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

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.main.id
  ingress {
    protocol  = "tcp"
    from_port = 22
    to_port   = 22
    security_groups = ["sg-0123456789abcdef0"]
  }
}

resource "aws_ec2_instance_connect_endpoint" "this" {
  subnet_id = aws_subnet.endpoint.id
  security_group_ids = ["sg-0123456789abcdef0"]
  preserve_client_ip = false
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  key_name      = "ops"
  subnet_id     = aws_subnet.app.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
