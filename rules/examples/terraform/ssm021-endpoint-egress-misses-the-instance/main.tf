# The endpoint group lets TCP 22 out only to another range.

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

resource "aws_security_group" "endpoint" {
  name   = "endpoint"
  vpc_id = aws_vpc.main.id
  egress {
    protocol  = "tcp"
    from_port = 22
    to_port   = 22
    cidr_blocks = ["10.0.200.0/24"]
  }
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "app_from_endpoint" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  referenced_security_group_id = aws_security_group.endpoint.id
}

resource "aws_ec2_instance_connect_endpoint" "this" {
  subnet_id = aws_subnet.endpoint.id
  security_group_ids = [aws_security_group.endpoint.id]
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  key_name      = "ops"
  subnet_id     = aws_subnet.app.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
