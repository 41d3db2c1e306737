# The instance's subnet is chosen by a conditional between two private subnets
# of the same VPC (one route table, local routes only), so plan JSON lists both
# as candidates. Whichever is taken, the instance is in aws_vpc.main with no way
# out, and the VPC has endpoints for ssm and ec2messages but none for
# ssmmessages: Session Manager cannot open sessions.

variable "zone" {
  type    = string
  default = "c"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "app" }
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "ap-northeast-1a"

  tags = { Name = "app-private-a" }
}

resource "aws_subnet" "private_c" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "ap-northeast-1c"

  tags = { Name = "app-private-c" }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id

  tags = { Name = "app-private" }
}

resource "aws_route_table_association" "private_a" {
  subnet_id      = aws_subnet.private_a.id
  route_table_id = aws_route_table.private.id
}

resource "aws_route_table_association" "private_c" {
  subnet_id      = aws_subnet.private_c.id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "endpoints" {
  name        = "app-vpce"
  description = "Systems Manager interface endpoints"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

resource "aws_vpc_endpoint" "this" {
  for_each = toset(["ssm", "ec2messages"])

  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.ap-northeast-1.${each.key}"
  vpc_endpoint_type   = "Interface"
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = { Name = "app-${each.key}" }
}

resource "aws_vpc_endpoint_subnet_association" "a" {
  for_each = aws_vpc_endpoint.this

  vpc_endpoint_id = each.value.id
  subnet_id       = aws_subnet.private_a.id
}

resource "aws_vpc_endpoint_subnet_association" "c" {
  for_each = aws_vpc_endpoint.this

  vpc_endpoint_id = each.value.id
  subnet_id       = aws_subnet.private_c.id
}

resource "aws_security_group" "instance" {
  name        = "app"
  description = "Application instances"
  vpc_id      = aws_vpc.main.id

  egress {
    description = "HTTPS to the VPC endpoints"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = var.zone == "a" ? aws_subnet.private_a.id : aws_subnet.private_c.id
  vpc_security_group_ids = [aws_security_group.instance.id]
  iam_instance_profile   = aws_iam_instance_profile.ssm_instance.name

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "app" }
}
