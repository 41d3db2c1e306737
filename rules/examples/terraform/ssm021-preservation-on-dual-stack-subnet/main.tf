# The provider's default preserve_client_ip = true in a subnet with an IPv6 CIDR: the endpoint would be dual-stack, where preservation is not supported.

resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_subnet" "endpoint" {
  vpc_id          = aws_vpc.main.id
  cidr_block      = "10.0.0.0/24"
  ipv6_cidr_block = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 0)
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
