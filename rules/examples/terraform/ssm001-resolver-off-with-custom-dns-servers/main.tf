# enable_dns_support = false, but DHCP options associated with the VPC name custom DNS servers,
# so trigger B is not evaluated. The instance has no instance profile (only SSM007, outside this
# list).

resource "aws_vpc" "main" {
  cidr_block         = "10.0.0.0/16"
  enable_dns_support = false

  tags = { Name = "app" }
}

resource "aws_vpc_dhcp_options" "options" {
  domain_name_servers = ["10.0.0.10", "10.0.0.11"]
}

resource "aws_vpc_dhcp_options_association" "options" {
  vpc_id          = aws_vpc.main.id
  dhcp_options_id = aws_vpc_dhcp_options.options.id
}

resource "aws_subnet" "private_a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"

  tags = { Name = "app-private" }
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private_a.id

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "app" }
}
