# An instance in an IPv6-only subnet; the endpoint subnet has no IPv6 CIDR.

resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_subnet" "endpoint" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}

resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "v6" {
  vpc_id                          = aws_vpc.main.id
  ipv6_native                     = true
  ipv6_cidr_block                 = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 1)
  assign_ipv6_address_on_creation = true
}

resource "aws_ec2_instance_connect_endpoint" "this" {
  subnet_id = aws_subnet.endpoint.id
  preserve_client_ip = false
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  key_name      = "ops"
  subnet_id     = aws_subnet.v6.id
}
