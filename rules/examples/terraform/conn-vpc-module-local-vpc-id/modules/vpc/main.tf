# The shape of the widely used community VPC module: the VPC is created with
# count, and every other resource takes its VPC through a local that plan JSON
# does not record (its configuration shows only `references: ["local.vpc_id"]`).
locals {
  create_vpc = var.create_vpc
  vpc_id     = try(aws_vpc_ipv4_cidr_block_association.this[0].vpc_id, aws_vpc.this[0].id, "")
}

resource "aws_vpc" "this" {
  count = local.create_vpc ? 1 : 0

  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = var.name }
}

resource "aws_vpc_ipv4_cidr_block_association" "this" {
  count = local.create_vpc && length(var.secondary_cidr_blocks) > 0 ? length(var.secondary_cidr_blocks) : 0

  vpc_id     = aws_vpc.this[0].id
  cidr_block = element(var.secondary_cidr_blocks, count.index)
}

resource "aws_subnet" "private" {
  count = local.create_vpc ? length(var.private_subnets) : 0

  vpc_id            = local.vpc_id
  cidr_block        = element(var.private_subnets, count.index)
  availability_zone = element(var.azs, count.index)

  tags = { Name = "${var.name}-private-${element(var.azs, count.index)}" }
}

resource "aws_route_table" "private" {
  count = local.create_vpc ? 1 : 0

  vpc_id = local.vpc_id

  tags = { Name = "${var.name}-private" }
}

resource "aws_route_table_association" "private" {
  count = local.create_vpc ? length(var.private_subnets) : 0

  subnet_id      = element(aws_subnet.private[*].id, count.index)
  route_table_id = aws_route_table.private[0].id
}
