# Private subnet with a local-only route table, no endpoints and no NAT. The instances
# come from nested local modules: module.fleet (for_each over two names) calls
# module.servers (a sibling directory, count = 2).

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

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id

  tags = { Name = "app-private" }
}

resource "aws_route_table_association" "private_a" {
  subnet_id      = aws_subnet.private_a.id
  route_table_id = aws_route_table.private.id
}

module "fleet" {
  source   = "./modules/fleet"
  for_each = toset(["blue", "green"])

  name             = each.key
  vpc_id           = aws_vpc.main.id
  subnet_id        = aws_subnet.private_a.id
  instance_profile = aws_iam_instance_profile.ssm_instance.name
}
