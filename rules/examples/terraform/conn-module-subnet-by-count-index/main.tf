# Root module: the network comes from ./modules/network (count = 2 private subnets in
# ap-northeast-1a and 1c). Two instances (count = 2) take subnet_id =
# module.network.private_subnet_ids[count.index]: one per subnet. The ssm endpoint is placed
# only in the first subnet, so the second instance, in the other AZ, reaches it across zones.
module "network" {
  source = "./modules/network"

  name       = "app"
  cidr_block = "10.0.0.0/16"
  azs        = ["ap-northeast-1a", "ap-northeast-1c"]
}

resource "aws_security_group" "endpoints" {
  name        = "app-vpce"
  description = "Systems Manager interface endpoints"
  vpc_id      = module.network.vpc_id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [module.network.vpc_cidr_block]
  }
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = module.network.vpc_id
  service_name        = "com.amazonaws.ap-northeast-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [module.network.private_subnet_ids[0]]
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = { Name = "app-ssm" }
}

resource "aws_vpc_endpoint" "ssmmessages" {
  vpc_id              = module.network.vpc_id
  service_name        = "com.amazonaws.ap-northeast-1.ssmmessages"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = module.network.private_subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = { Name = "app-ssmmessages" }
}

resource "aws_vpc_endpoint" "ec2messages" {
  vpc_id              = module.network.vpc_id
  service_name        = "com.amazonaws.ap-northeast-1.ec2messages"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = module.network.private_subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = { Name = "app-ec2messages" }
}

resource "aws_security_group" "instance" {
  name        = "app"
  description = "Application instances"
  vpc_id      = module.network.vpc_id

  egress {
    description = "HTTPS to the VPC endpoints"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [module.network.vpc_cidr_block]
  }
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  count = 2

  subnet_id              = module.network.private_subnet_ids[count.index]
  vpc_security_group_ids = [aws_security_group.instance.id]
  iam_instance_profile   = aws_iam_instance_profile.ssm_instance.name

  metadata_options {
    http_tokens = "required"
  }

  tags = { Name = "app-${count.index}" }
}
